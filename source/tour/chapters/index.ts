import type {MachineInfo} from '../../model/result-types.js';
import type {Chapter} from '../chapter.js';
import {helpersChapter} from './helpers.js';
import {machineChapter} from './machine.js';
import {chefsChapter, chefsPrediction, howManyChapter, howManyPrediction, kitchensChapter} from './multicore.js';
import {oneStoveChapter} from './one-core.js';
import {togetherChapter} from './together.js';
import {computingChapter, waitingChapter} from './waiting.js';

/** The tour's chapters in order, with the predictions that depend on this machine's cores. */
export function tourChapters(machine: MachineInfo): readonly Chapter[] {
	return [
		machineChapter,
		waitingChapter,
		computingChapter,
		oneStoveChapter,
		{...chefsChapter, prediction: chefsPrediction(machine.cores)},
		kitchensChapter,
		helpersChapter,
		{...howManyChapter, prediction: howManyPrediction(machine.cores)},
		togetherChapter,
	];
}
