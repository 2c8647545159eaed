/**
 * The prompts validator's messages (English, shared with the CLI and the log)
 * worded in Indonesian for the web editor. Each known message shape has a
 * translation that keeps the fix; anything else is shown as it is.
 */
import type { ConfigIssue } from '../core/config/validate.js';

const RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^unknown agency "([^"]*)"; expected one of (.*)$/, (m) => `kode dinas "${m[1]}" tidak dikenal; pakai salah satu: ${m[2]}`],
  [/^unknown category "([^"]*)"; expected one of (.*)$/, (m) => `kategori "${m[1]}" tidak dikenal; pakai salah satu: ${m[2]}`],
  [/^unknown kecamatan "([^"]*)" in ([^;]*); expected one of (.*)$/, (m) => `kecamatan "${m[1]}" tidak ada di ${m[2]}; pakai salah satu: ${m[3]}`],
  [/^unknown kelurahan "([^"]*)" in (.*)$/, (m) => `kelurahan "${m[1]}" tidak ada di ${m[2]}; periksa ejaannya`],
  [/^not valid YAML: (.*)$/s, () => 'bukan YAML yang valid: periksa indentasi (spasi, bukan tab), tanda titik dua dan tanda kutip di baris yang disebut'],
  [/^duplicate (agency code|category id|rule name|FAQ id) "([^"]*)"/, (m) => `"${m[2]}" dipakai dua kali (${({ 'agency code': 'kode dinas', 'category id': 'id kategori', 'rule name': 'nama aturan', 'FAQ id': 'id FAQ' } as Record<string, string>)[m[1]!]}); ganti salah satunya`],
  [/^must contain the placeholder \{(\w+)\}$/, (m) => `harus memuat isian {${m[1]}}`],
  [/^unknown placeholder \{(\w+)\}; this reply can use (.*)$/, (m) => `isian {${m[1]}} tidak dikenal; balasan ini dapat memakai ${m[2]}`],
  [/^unknown reply name/, () => 'nama balasan tidak dikenal (salah ketik?); bot tidak pernah mengirimnya'],
  [/^rule "([^"]*)" can never match: rule "([^"]*)"/, (m) => `aturan "${m[1]}" tidak akan pernah berlaku karena aturan "${m[2]}" di atasnya sudah mencakupnya; pindahkan ke atas atau persempit`],
  [/^the catch-all category "lainnya" is required$/, () => 'kategori penampung "lainnya" wajib ada'],
  [/^file is missing/, () => 'berkas tidak ada; pulihkan dari git atau riwayat versi'],
  [/^file is (\d+) bytes; at most (\d+)/, (m) => `berkas ${m[1]} byte; paling besar ${m[2]} byte`],
];

/** One issue in Indonesian (the English text when no translation is known). */
export function issueInIndonesian(message: string): string {
  for (const [re, say] of RULES) {
    const m = re.exec(message);
    if (m) return say(m);
  }
  return message;
}

/** The issues as lines for the editor: Indonesian first, the original English kept for the small print. */
export function issuesForEditor(issues: ConfigIssue[]): { text: string; detail: string }[] {
  return issues.map((i) => {
    const where = `prompts/${i.file}${i.path ? ` ${i.path}` : ''}`;
    return { text: `${where}: ${issueInIndonesian(i.message)}`, detail: i.message };
  });
}
