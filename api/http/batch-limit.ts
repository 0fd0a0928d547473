import type { RequestHandler } from 'express';

/** Batched HTTP requests (an array of operations) are allowed up to `maxBatchSize` operations. */
export function batchLimit(maxBatchSize: number): RequestHandler {
  return (req, res, next) => {
    if (!Array.isArray(req.body)) return next();
    const size = req.body.length;
    if (size >= 1 && size <= maxBatchSize) return next();
    res.status(400).json({
      errors: [
        {
          message: `A batch must hold between 1 and ${maxBatchSize} operations; this one holds ${size}.`,
          extensions: { code: 'BAD_REQUEST', maxBatchSize },
        },
      ],
    });
  };
}
