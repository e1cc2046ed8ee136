// Whether WebGL here runs on a GPU. Without one, Chromium still offers WebGL
// through a software rasteriser (SwiftShader, Mesa's llvmpipe), and xterm's
// WebGL renderer on it is slower than its DOM renderer: measured here, a 10 MB
// `cat` took 6.2 s with WebGL on SwiftShader and 2.9 s with the DOM renderer.
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

let answer: boolean | undefined;

/** A WebGL renderer string that names a software rasteriser. */
export const isSoftwareRenderer = (renderer: string): boolean => SOFTWARE.test(renderer);

/** Asked once per page: a throwaway context, released at once. */
export function hasHardwareWebgl(): boolean {
  answer ??= probe();
  return answer;
}

function probe(): boolean {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return false;
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    return !isSoftwareRenderer(renderer);
  } finally {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}
