export const RTOL = 1e-6;
