// Errors that steer the controller's event loop.

/** Our epoch is no longer the current one (or we lost the session): resign, write nothing more. */
export class ControllerMovedError extends Error {
  constructor(reason: string) {
    super(`Controller moved: ${reason}`);
    this.name = 'ControllerMovedError';
  }
}

export const NOT_CONTROLLER = 'NOT_CONTROLLER';
