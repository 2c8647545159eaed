/**
 * The configured city's administrative areas (kecamatan and kelurahan/desa),
 * loaded from idn-area-data by an adapter. Routing rules and the location
 * extractor check names against it.
 */
export interface AreaDirectory {
  /** Kemendagri code, e.g. "52.72". */
  code: string;
  /** Name as idn-area-data spells it, e.g. "KOTA BIMA". */
  name: string;
  kecamatan: { code: string; name: string }[];
  kelurahan: { code: string; name: string; kecamatanCode: string }[];
}

/** Lower-case, single-spaced, apostrophes dropped: how area names are compared. */
export function areaKey(name: string): string {
  return name.toLowerCase().replace(/['’`]/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}
