/** NOTIFY channel that wakes workers when a run has new work. */
export const WORK_CHANNEL = 'ledgerflow_work';
