import { describe, expect, it } from 'vitest';
import { findTicketNumbers } from '../../core/nlu/ticket-number.js';

describe('findTicketNumbers: ticket numbers as citizens type them', () => {
  it('recognises the usual spellings and returns the canonical form', () => {
    expect(findTicketNumbers('cek BM-0042', 'BM')).toEqual(['BM-0042']);
    expect(findTicketNumbers('bm 42 gimana', 'BM')).toEqual(['BM-0042']);
    expect(findTicketNumbers('BM0042', 'BM')).toEqual(['BM-0042']);
    expect(findTicketNumbers('#BM-0042 sudah?', 'BM')).toEqual(['BM-0042']);
    expect(findTicketNumbers('laporan bm-123456', 'BM')).toEqual(['BM-123456']);
  });

  it('finds several, once each, and ignores words that merely contain the prefix', () => {
    expect(findTicketNumbers('BM-1, bm 0002 dan BM-0001', 'BM')).toEqual(['BM-0001', 'BM-0002']);
    expect(findTicketNumbers('bima 2024, rumah bm', 'BM')).toEqual([]);
    expect(findTicketNumbers('', 'BM')).toEqual([]);
  });
});
