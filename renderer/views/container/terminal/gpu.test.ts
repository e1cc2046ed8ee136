import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer } from './gpu.ts';

describe('isSoftwareRenderer', () => {
  it('names the software rasterisers Chromium and Mesa fall back to', () => {
    expect(
      isSoftwareRenderer(
        'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)',
      ),
    ).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11)')).toBe(
      true,
    );
  });

  it('lets a GPU through', () => {
    expect(isSoftwareRenderer('ANGLE (Apple, Apple M1, OpenGL 4.1)')).toBe(false);
    expect(isSoftwareRenderer('ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2))')).toBe(
      false,
    );
  });
});
