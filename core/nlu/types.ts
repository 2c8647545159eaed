/**
 * What the classifier tells the rest of the core about one citizen message.
 * Ids are the stable ones from docs/architecture.md and prompts/categories.yaml.
 */
export const INTENTS = ['lapor', 'cek_status', 'info', 'sapaan', 'terima_kasih', 'batal', 'lainnya'] as const;
export type Intent = (typeof INTENTS)[number];

/** Kelurahan/kecamatan resolved against the configured city's areas (idn-area-data). */
export interface AreaMatch {
  kelurahan?: string;
  kecamatan?: string;
}

export interface ExtractedLocation {
  /** The place itself ("Jalan Sudirman depan Pasar Raya"), not the whole sentence. */
  text: string;
  street?: string;
  rt?: string;
  rw?: string;
  landmark?: string;
}

export interface CategoryScore {
  category: string;
  score: number;
}

export interface Classification {
  intent: Intent;
  /** Category id, or null when the message is not a complaint. */
  category: string | null;
  /** 0..1 confidence in the category (in the intent when category is null). */
  confidence: number;
  /** Best alternatives, highest first (used to offer the citizen a short list when unsure). */
  alternatives: CategoryScore[];
  location: ExtractedLocation | null;
  area: AreaMatch | null;
  /** The normalised text the decision was made on (for debugging and the dry run). */
  normalized: string;
  /** Which classifier produced it: 'offline', 'llm', or 'hybrid:offline'/'hybrid:llm'. */
  source: string;
}
