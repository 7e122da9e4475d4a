import Busboy from 'busboy';
import { Router, type Request } from 'express';
import type { DataSource } from 'typeorm';
import { contextFor, isCrossSiteRisk } from '../auth/http-context.js';
import type { Config } from '../config.js';
import { faultForLog } from '../db/errors.js';
import { toGlobalId } from '../graphql/ids.js';
import { UserErrorsException } from '../graphql/user-error.js';
import { CSV_LIMITS, CsvError } from './csv-reader.js';
import { uploadImport } from './import.service.js';

class TooLarge extends Error {}

/** The file from a raw body (`curl --data-binary @f.csv`) or the first file of a multipart form. */
function readUpload(req: Request): Promise<{ buffer: Buffer; fileName: string | null }> {
  return new Promise((resolve, reject) => {
    const collect = (stream: NodeJS.ReadableStream, done: (buffer: Buffer) => void) => {
      const parts: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > CSV_LIMITS.maxBytes) {
          stream.removeAllListeners('data');
          stream.resume();
          reject(new TooLarge());
        } else parts.push(chunk);
      });
      stream.on('end', () => done(Buffer.concat(parts)));
      stream.on('error', reject);
    };
    if ((req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      let found = false;
      const busboy = Busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: CSV_LIMITS.maxBytes + 1 },
      });
      busboy.on('file', (_name, file, info) => {
        found = true;
        collect(file, (buffer) => resolve({ buffer, fileName: info.filename }));
      });
      busboy.on('finish', () => {
        if (!found) reject(new CsvError('The form has no file'));
      });
      busboy.on('error', reject);
      req.pipe(busboy);
    } else {
      collect(req, (buffer) => resolve({ buffer, fileName: null }));
    }
  });
}

export function importRoutes(ds: DataSource, config: Config): Router {
  const router = Router();
  router.post('/imports', async (req, res) => {
    const ctx = await contextFor(ds, config, req, res);
    if (!ctx.viewer) return void res.status(401).json({ error: 'Sign in or send an API key' });
    if (isCrossSiteRisk(req))
      return void res.status(403).json({ error: 'Send the X-Requested-With header with a browser session' });
    if (Number(req.headers['content-length'] ?? 0) > CSV_LIMITS.maxBytes) {
      res.setHeader('Connection', 'close');
      return void res
        .status(413)
        .json({ error: `The file is larger than ${CSV_LIMITS.maxBytes / 1024 / 1024} MB` });
    }
    try {
      const upload = await readUpload(req);
      const { job, suggestedMapping } = await uploadImport(ctx, {
        kind: String(req.query.kind ?? ''),
        fileName: upload.fileName ?? String(req.query.fileName ?? 'upload.csv'),
        buffer: upload.buffer,
        partnerId: typeof req.query.partnerId === 'string' ? req.query.partnerId : null,
      });
      res.status(201).json({
        importId: toGlobalId('Import', job.id),
        headers: job.headers,
        suggestedMapping,
        rowCount: job.rowCount,
      });
    } catch (error) {
      if (error instanceof TooLarge) {
        res.setHeader('Connection', 'close');
        return void res
          .status(413)
          .json({ error: `The file is larger than ${CSV_LIMITS.maxBytes / 1024 / 1024} MB` });
      }
      if (error instanceof CsvError)
        return void res.status(422).json({ error: error.message, line: error.line, column: error.column });
      if (error instanceof UserErrorsException)
        return void res.status(422).json({ error: error.message, userErrors: error.userErrors });
      console.error('[imports] upload failed:', faultForLog(error));
      res.status(500).json({ error: 'The upload failed; nothing was imported' });
    }
  });
  return router;
}
