import {laneOccupancy} from '../../source/present/lane-occupancy.js';
import type {Cells} from '../../source/ui/timeline/styled-cells.js';
import {occupancyCells, type TimeScale} from '../../source/ui/timeline/task-rows.js';
import type {TaskView} from '../../source/store/views.js';

/** Every task of one lane on one row, from the whole list at once (the dashboard folds its occupancy as tasks arrive). */
export function laneCells(tasks: readonly TaskView[], scale: TimeScale, nowMs: number): Cells {
	return occupancyCells(laneOccupancy(tasks, scale.cells, scale.axisMs / scale.cells, nowMs), scale.cells);
}
