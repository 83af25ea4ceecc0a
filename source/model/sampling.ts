/** Per-core utilisation is sampled this often (ms): the sampler reads it, the result collector trims by it. */
export const coreSampleIntervalMs = 200;
