import { ErrorCode } from '@ft/shared';
import Busboy from 'busboy';
import { Router, type Request } from 'express';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../auth/context.js';
import { contextFor, isCrossSiteRisk } from '../auth/http-context.js';
import type { Config } from '../config.js';
import { faultForLog } from '../db/errors.js';
import { optionalIdOf, toGlobalId } from '../graphql/ids.js';
import { UserErrorsException } from '../graphql/user-error.js';
import { CSV_LIMITS, CsvError } from './csv-reader.js';
import { uploadImport } from './import-upload.js';
import { UPLOAD_RETRY_AFTER_SECONDS, UploadLimiter } from './upload-limiter.js';
import { spoolUpload, UploadAborted, UploadTooLarge, type SpooledUpload } from './upload-spool.js';

const TOO_LARGE = `The file is larger than ${CSV_LIMITS.maxBytes / 1024 / 1024} MB`;

/** The file from a raw body (`curl --data-binary @f.csv`) or the first file of a multipart form, on disk. */
function receiveUpload(req: Request, dir: string): Promise<{ file: SpooledUpload; fileName: string | null }> {
  if (!(req.headers['content-type'] ?? '').startsWith('multipart/form-data'))
    return spoolUpload(req, dir, CSV_LIMITS.maxBytes).then((file) => ({ file, fileName: null }));
  return new Promise((resolve, reject) => {
    let settled = false;
    let spooled: Promise<SpooledUpload> | null = null;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      // A file being written is deleted first, so nothing is left behind when the caller answers.
      void (spooled ?? Promise.resolve(null))
        .then((file) => file?.dispose())
        .catch(() => undefined) // a spool that failed deleted its own file
        .then(() => reject(error));
    };
    let found = false;
    const busboy = Busboy({ headers: req.headers, limits: { files: 1, fileSize: CSV_LIMITS.maxBytes + 1 } });
    busboy.on('file', (_name, stream, info) => {
      found = true;
      spooled = spoolUpload(stream, dir, CSV_LIMITS.maxBytes);
      spooled.then((file) => {
        if (settled) return;
        settled = true;
        resolve({ file, fileName: info.filename });
      }, fail);
    });
    busboy.on('finish', () => {
      if (!found) fail(new CsvError('The form has no file'));
    });
    busboy.on('error', (error) => fail(new UploadAborted(String((error as Error).message))));
    // A client gone mid-form leaves busboy waiting for the rest: end it, and the file it is writing.
    const gone = () => {
      if (!req.complete) busboy.destroy(new UploadAborted('The client closed the connection before the end'));
    };
    req.on('close', gone);
    if (req.destroyed) gone();
    req.pipe(busboy);
  });
}

interface Reply {
  status: number;
  body: object;
  close?: boolean;
}

/** Reads the upload to disk, stores its rows, and deletes the file, whatever happens. */
async function storeUpload(ctx: RequestContext, req: Request, config: Config): Promise<Reply> {
  try {
    const upload = await receiveUpload(req, config.uploadTempDir);
    try {
      const { job, suggestedMapping, format } = await uploadImport(ctx, {
        kind: String(req.query.kind ?? ''),
        fileName: upload.fileName ?? String(req.query.fileName ?? 'upload.csv'),
        file: upload.file,
        partnerId: optionalIdOf(
          'Partner',
          typeof req.query.partnerId === 'string' ? req.query.partnerId : null,
        ),
      });
      return {
        status: 201,
        body: {
          importId: toGlobalId('Import', job.id),
          headers: job.headers,
          suggestedMapping,
          rowCount: job.rowCount,
          defaultCarrier: job.defaultCarrier,
          format: format && { id: format.id, name: format.name, carrier: format.carrier ?? null },
        },
      };
    } finally {
      await upload.file.dispose();
    }
  } catch (error) {
    if (error instanceof UploadTooLarge) return { status: 413, body: { error: TOO_LARGE }, close: true };
    if (error instanceof UploadAborted)
      return {
        status: 400,
        body: { error: 'The upload ended before the whole file arrived; send it again' },
      };
    if (error instanceof CsvError)
      return { status: 422, body: { error: error.message, line: error.line, column: error.column } };
    if (error instanceof UserErrorsException)
      return { status: 422, body: { error: error.message, userErrors: error.userErrors } };
    console.error('[imports] upload failed:', faultForLog(error));
    return { status: 500, body: { error: 'The upload failed; nothing was imported' } };
  }
}

export function importRoutes(ds: DataSource, config: Config): Router {
  const router = Router();
  const limiter = new UploadLimiter({ perCaller: config.uploadsPerCaller, total: config.uploadsInTotal });
  router.post('/imports', async (req, res) => {
    const ctx = await contextFor(ds, config, req, res);
    const viewer = ctx.viewer;
    if (!viewer) return void res.status(401).json({ error: 'Sign in or send an API key' });
    if (isCrossSiteRisk(req))
      return void res.status(403).json({ error: 'Send the X-Requested-With header with a browser session' });
    if (Number(req.headers['content-length'] ?? 0) > CSV_LIMITS.maxBytes) {
      res.setHeader('Connection', 'close');
      return void res.status(413).json({ error: TOO_LARGE });
    }
    // Refused before a byte of the body is read; the body is then read and dropped, so the caller sees the answer.
    const slot = limiter.admit(
      viewer.apiKeyId !== null ? `api-key:${viewer.apiKeyId}` : `user:${viewer.userId}`,
    );
    if (!slot.admitted) {
      res.setHeader('Retry-After', String(UPLOAD_RETRY_AFTER_SECONDS));
      return void res.status(slot.status).json({
        error: slot.error,
        code: ErrorCode.LIMIT_EXCEEDED,
        retryAfterSeconds: UPLOAD_RETRY_AFTER_SECONDS,
      });
    }
    // The slot is free again before the answer goes out: a caller may send its next file as soon as it has one.
    const reply = await storeUpload(ctx, req, config).finally(slot.release);
    if (reply.close) res.setHeader('Connection', 'close');
    res.status(reply.status).json(reply.body);
  });
  return router;
}
