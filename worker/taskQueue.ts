/** The one task queue every Plazo worker polls; more workers on it scale out. */
export const TASK_QUEUE = 'plazo-cases';
