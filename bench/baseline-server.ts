/**
 * Baselines for the identity benchmark, each the least a server must do for the same answer, in its own
 * process as the block is: `sign` answers a POST with an ES256 JWT (a token endpoint without the provider);
 * `insert` answers a JSON POST with one INSERT (an enrolment without validation, rules, UIN or outbox).
 * `application` answers a JSON POST with one INSERT of an application row (a submission without eForm
 * validation, eligibility, tracking code check, history, idempotency key or outbox).
 */
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { SignJWT, generateKeyPair } from 'jose';
import { Pool } from 'pg';

async function main() {
  const mode = process.env.BASELINE_MODE;
  const port = Number(process.env.BASELINE_PORT);
  const { privateKey } = await generateKeyPair('ES256');
  const pool = mode !== 'sign' ? new Pool({ connectionString: process.env.DATABASE_URL, max: 10 }) : undefined;
  if (mode === 'insert')
    await pool!.query(`CREATE TABLE IF NOT EXISTS baseline_people (id uuid PRIMARY KEY, body jsonb NOT NULL)`);
  if (mode === 'application') {
    await pool!.query(
      `CREATE TABLE IF NOT EXISTS baseline_applications (id uuid PRIMARY KEY, tracking_code text NOT NULL UNIQUE,
         service_code text NOT NULL, applicant_id text NOT NULL, status text NOT NULL, form_data jsonb NOT NULL,
         created_at timestamptz NOT NULL DEFAULT now())`,
    );
  }
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', async () => {
      if (request.url === '/ready') return response.end('ok');
      try {
        if (mode === 'sign') {
          const token = await new SignJWT({ roles: ['platform.operator'] })
            .setProtectedHeader({ alg: 'ES256', kid: 'baseline' })
            .setSubject('baseline')
            .setIssuedAt()
            .setExpirationTime('10m')
            .sign(privateKey);
          response.setHeader('content-type', 'application/json');
          return response.end(JSON.stringify({ access_token: token, token_type: 'Bearer', expires_in: 600 }));
        }
        const body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
        if (mode === 'application') {
          const id = randomUUID();
          await pool!.query(
            `INSERT INTO baseline_applications (id, tracking_code, service_code, applicant_id, status, form_data) VALUES ($1, $2, $3, $4, 'PENDING', $5)`,
            [id, id.slice(0, 11), 'bench', 'baseline', body.formData?.data ?? body],
          );
          response.statusCode = 200;
          response.setHeader('content-type', 'application/json');
          return response.end(JSON.stringify({ fileId: id }));
        }
        await pool!.query(`INSERT INTO baseline_people (id, body) VALUES ($1, $2)`, [randomUUID(), body]);
        response.statusCode = 201;
        response.setHeader('content-type', 'application/json');
        response.end('{}');
      } catch (error) {
        response.statusCode = 500;
        response.end(String(error));
      }
    });
  });
  server.listen(port, '127.0.0.1');
  process.once('SIGTERM', () =>
    server.close(async () => {
      await pool?.end();
      process.exit(0);
    }),
  );
}

void main();
