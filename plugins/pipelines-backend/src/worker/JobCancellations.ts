/**
 * AbortControllers of the jobs this process runs, so that a cancel handled
 * here stops the step at once. Workers in other processes see the
 * database's cancel flag instead.
 */
export class JobCancellations {
  private readonly controllers = new Map<string, AbortController>();

  register(jobId: string): AbortController {
    const controller = new AbortController();
    this.controllers.set(jobId, controller);
    return controller;
  }

  unregister(jobId: string, controller: AbortController) {
    if (this.controllers.get(jobId) === controller) {
      this.controllers.delete(jobId);
    }
  }

  cancel(jobId: string): boolean {
    const controller = this.controllers.get(jobId);
    controller?.abort(new Error('cancelled'));
    return Boolean(controller);
  }
}
