import { describe, expect, it } from 'vitest';
import { cleanCreatedBy, cleanHistory, cliCreatedBy, stepText } from './created-by.ts';

const HASH = 'c50ecf0f8081044924e199cfe6cfd18d0c9dd4d16be07790bb24f7088112b98e';
const text = (createdBy: string, comment = '') => stepText(cleanCreatedBy(createdBy, comment));

describe('cleanCreatedBy', () => {
  // Strings as dockerd 20.10's classic builder stored them (docker history --no-trunc).
  it.each([
    ['/bin/sh -c #(nop)  CMD ["echo" "$GREETING"]', 'CMD ["echo" "$GREETING"]'],
    ['/bin/sh -c #(nop)  ENTRYPOINT ["/bin/sh" "-c"]', 'ENTRYPOINT ["/bin/sh" "-c"]'],
    ['/bin/sh -c #(nop)  MAINTAINER someone', 'MAINTAINER someone'],
    ['/bin/sh -c #(nop)  SHELL [/bin/sh -c]', 'SHELL [/bin/sh -c]'],
    ['/bin/sh -c #(nop)  STOPSIGNAL SIGTERM', 'STOPSIGNAL SIGTERM'],
    ['/bin/sh -c #(nop)  ONBUILD RUN echo child', 'ONBUILD RUN echo child'],
    [
      `/bin/sh -c #(nop)  HEALTHCHECK &{["CMD" "true"] "5s" "0s" "0s" '\\x00'}`,
      `HEALTHCHECK &{["CMD" "true"] "5s" "0s" "0s" '\\x00'}`,
    ],
    ['/bin/sh -c #(nop)  ARG VERSION=1', 'ARG VERSION=1'],
    ['/bin/sh -c #(nop)  VOLUME [/data]', 'VOLUME [/data]'],
    ['/bin/sh -c #(nop)  EXPOSE 8080/tcp', 'EXPOSE 8080/tcp'],
    ['/bin/sh -c #(nop)  USER nobody', 'USER nobody'],
    ['/bin/sh -c #(nop) WORKDIR /work', 'WORKDIR /work'],
    [
      '/bin/sh -c #(nop)  LABEL org.example.title=layers test',
      'LABEL org.example.title=layers test',
    ],
    ['/bin/sh -c #(nop)  ENV GREETING=hi there', 'ENV GREETING=hi there'],
    [`/bin/sh -c #(nop) ADD file:${HASH} in /added.txt `, 'ADD file:c50ecf0f8081 /added.txt'],
    [`/bin/sh -c #(nop) COPY dir:${HASH} in /dst/ `, 'COPY dir:c50ecf0f8081 /dst/'],
    ['/bin/sh -c #(nop) ADD jessie.tar.xz in / ', 'ADD jessie.tar.xz in /'],
    ['/bin/sh -c echo made > /made.txt', 'RUN echo made > /made.txt'],
    ['/bin/sh -c true', 'RUN true'],
    ['/bin/sh -c echo "#(nop) no" > /x', 'RUN echo "#(nop) no" > /x'],
    ['cmd /S /C #(nop)  ENV A=1', 'ENV A=1'],
    ['cmd /S /C dir', 'RUN dir'],
  ])('%s → %s', (createdBy, expected) => {
    expect(text(createdBy)).toBe(expected);
  });

  it('keeps the build args a classic RUN ran with apart from its command', () => {
    expect(cleanCreatedBy('|1 V=1 /bin/sh -c echo $V > /v')).toEqual({
      instruction: 'RUN',
      args: 'echo $V > /v',
      buildArgs: 'V=1',
    });
    expect(cleanCreatedBy('|2 A=x y B=2 /bin/sh -c env')).toEqual({
      instruction: 'RUN',
      args: 'env',
      buildArgs: 'A=x y B=2',
    });
  });

  it('reads BuildKit steps', () => {
    expect(text('RUN /bin/sh -c apt-get update && rm -rf /var/lib/apt # buildkit')).toBe(
      'RUN apt-get update && rm -rf /var/lib/apt',
    );
    expect(cleanCreatedBy('RUN |1 TARGETARCH=amd64 /bin/sh -c make # buildkit')).toEqual({
      instruction: 'RUN',
      args: 'make',
      buildArgs: 'TARGETARCH=amd64',
    });
    expect(text('RUN echo exec form # buildkit')).toBe('RUN echo exec form');
    expect(text('COPY app.py /srv/ # buildkit')).toBe('COPY app.py /srv/');
    expect(text('COPY --from=build /out /bin/ # buildkit')).toBe('COPY --from=build /out /bin/');
    expect(text('ENV PATH=/usr/local/bin:/usr/bin')).toBe('ENV PATH=/usr/local/bin:/usr/bin');
    expect(text('EXPOSE map[8080/tcp:{}]')).toBe('EXPOSE map[8080/tcp:{}]');
    expect(text('WORKDIR /app')).toBe('WORKDIR /app');
  });

  it('names docker import and docker commit steps, which no Dockerfile made', () => {
    expect(cleanCreatedBy('', 'Imported from -')).toEqual({
      instruction: 'docker import',
      args: '-',
    });
    expect(cleanCreatedBy('-c echo x > /tmp/y', 'my message')).toEqual({
      instruction: 'docker commit',
      args: '-c echo x > /tmp/y',
    });
    expect(text('sleep 600')).toBe('docker commit (the container ran: sleep 600)');
    expect(text('')).toBe('(no command recorded)');
  });
});

describe('cleanHistory', () => {
  it('follows SHELL steps: later RUN and metadata steps run under the new shell', () => {
    const steps = cleanHistory([
      { createdBy: '/bin/sh -c #(nop)  SHELL [/bin/bash -o pipefail -c]' },
      { createdBy: '/bin/bash -o pipefail -c #(nop)  ENV X=1' },
      { createdBy: '/bin/bash -o pipefail -c curl -s x | sh' },
      { createdBy: '|1 V=1 /bin/bash -o pipefail -c echo $V' },
    ]);
    expect(steps.map(stepText)).toEqual([
      'SHELL [/bin/bash -o pipefail -c]',
      'ENV X=1',
      'RUN curl -s x | sh',
      'RUN echo $V',
    ]);
    expect(steps[3]!.buildArgs).toBe('V=1');
  });

  it('reads a SHELL that BuildKit kept as JSON', () => {
    const steps = cleanHistory([
      { createdBy: 'SHELL ["/bin/ash","-e","-c"]' },
      { createdBy: 'RUN /bin/ash -e -c ls # buildkit' },
    ]);
    expect(stepText(steps[1]!)).toBe('RUN ls');
  });
});

describe('cliCreatedBy', () => {
  it('prints tabs as spaces, as docker history does, and nothing else changed', () => {
    expect(cliCreatedBy('|1 V=1 /bin/sh -c echo "a\tb" > /t')).toBe(
      '|1 V=1 /bin/sh -c echo "a b" > /t',
    );
    expect(cliCreatedBy('/bin/sh -c #(nop) COPY file:x in /dst/ ')).toBe(
      '/bin/sh -c #(nop) COPY file:x in /dst/ ',
    );
  });
});
