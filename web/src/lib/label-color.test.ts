import { describe, expect, it } from 'vitest';
import { contrastRatio, labelColors, parseHexColor, relativeLuminance } from './label-color.ts';

describe('parseHexColor', () => {
  it('reads 6 and 3 digit hex with or without #', () => {
    expect(parseHexColor('d73a4a')).toEqual([0xd7, 0x3a, 0x4a]);
    expect(parseHexColor('#FFF')).toEqual([255, 255, 255]);
  });

  it('rejects anything else', () => {
    expect(parseHexColor(null)).toBeNull();
    expect(parseHexColor('red')).toBeNull();
    expect(parseHexColor('12345')).toBeNull();
  });
});

describe('labelColors', () => {
  it('uses white text on dark labels and dark text on light ones', () => {
    expect(labelColors('7057ff').text).toBe('#ffffff'); // good first issue (purple)
    expect(labelColors('0075ca').text).toBe('#ffffff'); // documentation (blue)
    expect(labelColors('a2eeef').text).toBe('#1f2328'); // enhancement (light cyan)
    expect(labelColors('fbca04').text).toBe('#1f2328'); // yellow
  });

  it('picks the text colour with the higher contrast, and never less than 3:1', () => {
    const luminanceOf = (hex: string): number => relativeLuminance(parseHexColor(hex)!);
    for (const color of [
      'd73a4a',
      '7057ff',
      'a2eeef',
      'fbca04',
      '008672',
      'e4e669',
      'd876e3',
      '000000',
      'ffffff',
      '808080',
    ]) {
      const { background, text } = labelColors(color);
      const other = text === '#ffffff' ? '#1f2328' : '#ffffff';
      const chosen = contrastRatio(luminanceOf(background), luminanceOf(text));
      expect(chosen).toBeGreaterThanOrEqual(contrastRatio(luminanceOf(background), luminanceOf(other)));
      expect(chosen).toBeGreaterThanOrEqual(3);
    }
  });

  it('outlines near-white labels and greys out unknown colours', () => {
    expect(labelColors('ffffff').border).toBe('#d0d7de');
    expect(labelColors('d73a4a').border).toBe('#d73a4a');
    expect(labelColors(null).background).toBe('#eaeef2');
  });
});
