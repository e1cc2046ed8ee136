// The words for each TLS failure, from errors shaped as node:tls makes them
// (tls-reach.test.ts makes the same failures with real sockets).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  contextUpdateCommand,
  describeTlsFailure,
  isServerCertFailure,
  type TlsTarget,
} from './tls-errors.ts';

function tlsError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

const now = new Date('2026-12-02T12:00:00Z');
const target: TlsTarget = {
  where: '10.0.0.2:2376',
  host: '10.0.0.2',
  certPath: '/home/me/.docker',
  clientCert: { notBefore: new Date('2026-12-01'), notAfter: new Date('2026-12-30') },
};
const lookedAt = {
  notBefore: new Date('2025-01-01T00:00:00Z'),
  notAfter: new Date('2025-01-02T00:00:00Z'),
  subject: 'CN=engine',
  issuer: 'other CA',
  altNames: 'IP Address:10.0.0.2',
};

describe('describeTlsFailure', () => {
  it.each([
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  ])('names the CA file and the host when the engine is not trusted (%s)', (code) => {
    expect(describeTlsFailure(tlsError(code), { ...target, serverCert: lookedAt }, now)).toEqual({
      detail:
        'The engine at 10.0.0.2:2376 is not trusted: its certificate (issued by "other CA") is not signed by the CA in /home/me/.docker/ca.pem.',
      hint: expect.stringContaining("Put the CA certificate that signed the engine's certificate"),
    });
    expect(isServerCertFailure(tlsError(code))).toBe(true);
  });

  it('says when the engine’s certificate expired, with the date when it was looked at', () => {
    expect(
      describeTlsFailure(tlsError('CERT_HAS_EXPIRED'), { ...target, serverCert: lookedAt }, now),
    ).toEqual({
      detail:
        "The engine's certificate at 10.0.0.2:2376 expired on 2025-01-02, so Berth does not trust it.",
      hint: expect.stringMatching(
        /^Renew the engine's server certificate.*check this machine's clock/,
      ),
    });
    expect(describeTlsFailure(tlsError('CERT_HAS_EXPIRED'), target, now)?.detail).toBe(
      "The engine's certificate at 10.0.0.2:2376 expired, so Berth does not trust it.",
    );
  });

  it('says a certificate not valid yet, pointing at the clocks', () => {
    const future = { ...lookedAt, notBefore: new Date('2027-03-04T00:00:00Z') };
    expect(
      describeTlsFailure(tlsError('CERT_NOT_YET_VALID'), { ...target, serverCert: future }, now),
    ).toMatchObject({ detail: expect.stringContaining('is not valid yet until 2027-03-04') });
  });

  it('names the names a certificate for another host lists', () => {
    const problem = describeTlsFailure(
      tlsError('ERR_TLS_CERT_ALTNAME_INVALID'),
      { ...target, host: 'build.example', where: 'build.example:2376', serverCert: lookedAt },
      now,
    );
    expect(problem).toEqual({
      detail:
        "The engine's certificate at build.example:2376 is not made out to build.example (it names IP Address:10.0.0.2).",
      hint: expect.stringContaining('subjectAltName includes build.example'),
    });
  });

  it('says the engine refused the client certificate, and why when it has expired', () => {
    const alert = tlsError(
      'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
      'C0:error:0A000412:SSL routines:ssl3_read_bytes:ssl/tls alert bad certificate:../deps/openssl/ssl/record/rec_layer_s3.c:1605:SSL alert number 42',
    );
    expect(describeTlsFailure(alert, target, now)).toEqual({
      detail:
        "The engine at 10.0.0.2:2376 refused Berth's client certificate (/home/me/.docker/cert.pem): ssl/tls alert bad certificate.",
      hint: expect.stringContaining('signed by the CA the engine trusts'),
    });
    const expiredClient = { ...target, clientCert: lookedAt };
    expect(describeTlsFailure(alert, expiredClient, now)?.detail).toBe(
      "The engine at 10.0.0.2:2376 refused Berth's client certificate: /home/me/.docker/cert.pem expired on 2025-01-02.",
    );
    // Some servers only close the connection: the dates still say why.
    expect(
      describeTlsFailure(tlsError('ECONNRESET', 'socket hang up'), expiredClient, now)?.detail,
    ).toContain('expired on 2025-01-02');
    expect(
      describeTlsFailure(
        tlsError('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', 'tlsv13 alert certificate required'),
        target,
        now,
      )?.detail,
    ).toContain("refused Berth's client certificate");
  });

  it('says the port answered without TLS', () => {
    const plain = tlsError(
      'EPROTO',
      'write EPROTO C0:error:0A00010B:SSL routines:tls_validate_record_header:wrong version number:../deps/openssl/tlsany_meth.c:77:',
    );
    expect(describeTlsFailure(plain, target, now)).toEqual({
      detail: '10.0.0.2:2376 answered without TLS: the engine there does not use TLS on this port.',
      hint: expect.stringContaining('unset DOCKER_TLS_VERIFY'),
    });
  });

  it('says a context asked not to verify, and that Berth verified anyway', () => {
    const problem = describeTlsFailure(
      tlsError('SELF_SIGNED_CERT_IN_CHAIN'),
      { ...target, skipVerifyAsked: true },
      now,
    );
    expect(problem?.detail).toContain(
      'sets SkipTLSVerify; Berth checks the engine’s certificate all the same',
    );
  });

  it("gives a context's fix as the CLI command that updates it", () => {
    const ofContext = { ...target, context: 'prod' };
    const fix =
      '`docker context update prod --docker host=tcp://10.0.0.2:2376,ca=CA.pem,cert=CERT.pem,key=KEY.pem`.';
    expect(
      describeTlsFailure(tlsError('SELF_SIGNED_CERT_IN_CHAIN'), ofContext, now)?.hint,
    ).toContain(fix);
    expect(
      describeTlsFailure(tlsError('ECONNRESET'), { ...ofContext, clientCert: lookedAt }, now)?.hint,
    ).toContain(fix);
  });

  it('leaves failures that are not about TLS to the ordinary words', () => {
    expect(describeTlsFailure(tlsError('ECONNREFUSED'), target, now)).toBeUndefined();
    expect(describeTlsFailure(tlsError('ECONNRESET'), target, now)).toBeUndefined();
    expect(describeTlsFailure('a string', target, now)).toBeUndefined();
    expect(isServerCertFailure(tlsError('ECONNRESET'))).toBe(false);
  });
});

describe('contextUpdateCommand', () => {
  it('is safe to paste with hostile names and hosts, through a real sh', async () => {
    const name = `x'; touch /tmp/berth-pwned; echo "$(id)" \`id\` !! *`;
    const host = 'tcp://h$(id):1 && rm -rf ~';
    const command = contextUpdateCommand(name, host);
    const { stdout } = await promisify(execFile)('sh', [
      '-c',
      `printf '%s\\n' ${command.slice('docker '.length)}`,
    ]);
    expect(stdout.split('\n').slice(0, -1)).toEqual([
      'context',
      'update',
      name,
      '--docker',
      `host=${host},ca=CA.pem,cert=CERT.pem,key=KEY.pem`,
    ]);
  });
});
