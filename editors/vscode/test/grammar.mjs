// The TextMate grammar's scopes on the repository's policy files, tokenized as VS Code does
// (vscode-textmate + vscode-oniguruma). The keywords are read from grammar/policy.pest, so a
// keyword added to the language fails here until the grammar scopes it. Run by test/run.sh.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import textmate from "vscode-textmate";
import oniguruma from "vscode-oniguruma";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "../../..");
const ROOT_SCOPE = "source.zeren-policy";

// Every quoted word of the pest grammar, and the reserved ones (its `keyword` rule).
const pest = fs.readFileSync(path.join(root, "grammar/policy.pest"), "utf8").replace(/\/\/.*$/gm, "");
const KEYWORDS = new Set([...pest.matchAll(/"([a-z][a-z_]*)"/g)].map((m) => m[1]));
const RESERVED = new Set([...pest.match(/^keyword\s*=\s*@\{([^}]*)\}/m)[1].matchAll(/"([a-z_]+)"/g)].map((m) => m[1]));
if (KEYWORDS.size < 60 || RESERVED.size < 10) throw new Error("could not read the keywords of grammar/policy.pest");

await oniguruma.loadWASM(fs.readFileSync(path.join(here, "../node_modules/vscode-oniguruma/release/onig.wasm")).buffer);
const registry = new textmate.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (sources) => new oniguruma.OnigScanner(sources),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }),
  loadGrammar: async () => {
    const file = path.join(here, "../syntaxes/policy.tmLanguage.json");
    return textmate.parseRawGrammar(fs.readFileSync(file, "utf8"), file);
  },
});
const grammar = await registry.loadGrammar(ROOT_SCOPE);

// The national measures and the sample layers, or the files given (relative to the repository).
const files = process.argv.length > 2 ? process.argv.slice(2).map((f) => path.relative(root, path.resolve(f))) :
  ["policies/national", "policies/regions"].flatMap((dir) =>
    fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith(".policy")).sort().map((f) => `${dir}/${f}`));

const failures = [];
let lines = 0, tokens = 0, checks = 0;

for (const file of files) {
  const before = { lines, tokens, checks };
  let stack = textmate.INITIAL;
  let inString = false; // a string may run over lines
  fs.readFileSync(path.join(root, file), "utf8").replace(/\n$/, "").split("\n").forEach((line, n) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    lines++;
    tokens += result.tokens.length;
    const scopesAt = [], startsAt = new Map(), endsAt = new Set();
    for (const t of result.tokens) {
      startsAt.set(t.startIndex, t);
      endsAt.add(t.endIndex);
      for (let i = t.startIndex; i < t.endIndex; i++) scopesAt[i] = t.scopes;
    }
    const fail = (col, what) =>
      failures.push(`${file}:${n + 1}:${col + 1}: ${what} (scopes: ${(scopesAt[col] || []).slice(1).join(" ") || "none"})`);
    const has = (i, prefix) => (scopesAt[i] || []).some((s) => s.startsWith(prefix));
    const expect = (from, to, prefix, what) => {
      checks++;
      for (let i = from; i < to; i++) if (!has(i, prefix)) return fail(i, `${what}: expected ${prefix}`);
    };

    // An independent lexer says which characters are comment, string or code.
    const kind = [];
    const commentLine = !inString && /^\s*\/\//.test(line);
    for (let i = 0; i < line.length; i++) {
      if (commentLine) { kind[i] = "comment"; continue; }
      if (inString) {
        kind[i] = "string";
        if (line[i] === "\\") kind[++i] = "string";
        else if (line[i] === '"') inString = false;
      } else if (line.startsWith("//", i)) {
        for (; i < line.length; i++) kind[i] = "comment";
      } else if (line[i] === '"') {
        kind[i] = "string";
        inString = true;
      } else kind[i] = "code";
    }
    // Code with strings and comments blanked out, for the searches below; `words` without the
    // ids of layers (`sample-province-2017`).
    const code = line.split("").map((c, i) => (kind[i] === "code" ? c : " ")).join("");
    const words = code.replace(/\b(measures|layer|extends|part\s+of)(\s+)([A-Za-z0-9_][A-Za-z0-9_-]*)/g,
      (_, k, s, id) => k + s + " ".repeat(id.length));

    for (let i = 0; i < line.length; i++) {
      if (kind[i] === "comment" && !has(i, "comment.line.double-slash")) { fail(i, "comment not scoped as a comment"); break; }
      if (kind[i] === "string" && !has(i, "string.quoted.double")) { fail(i, "string not scoped as a string"); break; }
      if (kind[i] === "code" && (has(i, "string") || has(i, "comment"))) { fail(i, "code scoped as a string or comment"); break; }
    }
    checks++;
    for (const m of line.matchAll(/\p{Script=Han}+/gu))
      if (kind[m.index] === "string") expect(m.index, m.index + m[0].length, "string.quoted.double", "Chinese text");

    // Words of the language: every keyword is a token of its own with a scope; a reserved one is
    // always a keyword or a constant; a word after `.` is a field, never a keyword.
    for (const m of words.matchAll(/[\p{L}_][\p{L}\p{N}_]*/gu)) {
      const [word] = m, at = m.index, end = at + word.length;
      if (code[at - 1] === ".") {
        expect(at, end, "variable.other.property", `field ${word}`);
        continue;
      }
      if (!KEYWORDS.has(word)) continue;
      // Only the reserved words cannot be names: next to an operator, `applies` in
      // `scope = applies` is a value (an enum's) and `kind` in `kind == a` a fact, not keywords.
      const after = code.slice(end);
      const operand = /[=<>]\s*$/.test(code.slice(0, at)) || /^\s*([=<>!+]|in\b)/.test(after);
      if (!RESERVED.has(word) && operand && !/^\s*\(|^\s+[\p{L}_][\p{L}\p{N}_]*\s+in\b/u.test(after)) continue;
      checks++;
      const t = startsAt.get(at);
      if (!t || !endsAt.has(end) || t.endIndex !== end) fail(at, `keyword ${word} is not a token of its own`);
      else if (t.scopes.length < 2) fail(at, `keyword ${word} left unscoped`);
      if (RESERVED.has(word) && !/^(keyword|storage\.type|constant\.language|variable\.language)\./.test(scopesAt[at].at(-1)))
        fail(at, `reserved word ${word} not scoped as a keyword`);
    }

    // Provisions: the keyword, the number, and the first text (the Chinese) as a string.
    const p = /^(\s*)(chapter|article|paragraph|item)\s+(\d+)(\s+)?/.exec(code);
    if (p) {
      const at = p[1].length, num = line.indexOf(p[3], at + p[2].length);
      expect(at, at + p[2].length, "keyword.", p[2]);
      expect(num, num + p[3].length, "constant.numeric", `${p[2]} number`);
      const s = p[0].length;
      if (line[s] === '"') {
        let e = s + 1;
        while (e < line.length && line[e] !== '"') e += line[e] === "\\" ? 2 : 1;
        expect(s, e + 1, "string.quoted.double", `text of ${p[2]} ${p[3]}`);
      }
    }

    // Headers, rules, literals and operators.
    const header = /^(\s*)(measures|layer|part\s+of|extends)\s+([A-Za-z0-9_][A-Za-z0-9_-]*)/.exec(code);
    if (header) {
      const at = header[1].length, id = at + header[0].length - header[1].length - header[3].length;
      for (const w of header[2].split(/\s+/)) expect(line.indexOf(w, at), line.indexOf(w, at) + w.length, "keyword.", w);
      expect(id, id + header[3].length, "entity.name.namespace", `layer id ${header[3]}`);
    }
    for (const m of code.matchAll(/\b(rule|exception)\s+([\p{L}_][\p{L}\p{N}_]*)/gu)) {
      if (RESERVED.has(m[2])) continue;
      const at = m.index + m[0].length - m[2].length;
      expect(at, at + m[2].length, "entity.name.function", `name of ${m[1]} ${m[2]}`);
    }
    for (const m of code.matchAll(/\b\d{4}-\d{2}-\d{2}\b/g))
      expect(m.index, m.index + m[0].length, "constant.numeric.date", `date ${m[0]}`);
    for (const m of words.matchAll(/(?<![\p{L}\p{N}_]|\p{N}-)-?\d+(?:\.\d+)*(?![\p{L}\p{N}_-])/gu))
      expect(m.index, m.index + m[0].length, "constant.numeric", `number ${m[0]}`);
    for (const m of code.matchAll(/\b(true|false)\b/g))
      expect(m.index, m.index + m[0].length, "constant.language.boolean", m[0]);
    for (const m of code.matchAll(/\+=|==|!=|<=|>=|<|>|=/g))
      expect(m.index, m.index + m[0].length, "keyword.operator", `operator ${m[0]}`);
  });
  console.log(`${file}: ${lines - before.lines} lines, ${tokens - before.tokens} tokens, ${checks - before.checks} checks`);
}

for (const f of failures.slice(0, 30)) console.log(`FAIL ${f}`);
if (failures.length > 30) console.log(`… and ${failures.length - 30} more`);
console.log(`${files.length} files, ${lines} lines, ${tokens} tokens, ${checks} checks, ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
