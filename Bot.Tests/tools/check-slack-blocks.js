// Type-checks Block Kit payloads against Slack's own types (@slack/types) with the TypeScript compiler:
// each message's blocks as a literal typed KnownBlock[], each modal as ModalView, then `tsc --noEmit --strict`.
// Object literals get excess-property checks, so unknown properties, wrong block or text types and missing
// required fields are errors. Input on stdin: {"messages": [[block, …], …], "views": [view, …]}.
// Output: {"file": path, "errors": [compiler messages]}.
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

let input = "";
process.stdin.on("data", d => (input += d));
process.stdin.on("end", () => {
  const payloads = JSON.parse(input);
  const lines = ['import type { KnownBlock, ModalView } from "@slack/types";', ""];
  (payloads.messages || []).forEach((blocks, i) => lines.push(`export const message${i}: KnownBlock[] = ${JSON.stringify(blocks, null, 2)};`, ""));
  (payloads.views || []).forEach((view, i) => lines.push(`export const view${i}: ModalView = ${JSON.stringify(view, null, 2)};`, ""));
  const dir = path.join(__dirname, "generated");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `slack-payloads-${process.pid}.ts`);
  fs.writeFileSync(file, lines.join("\n"));
  const tsc = require.resolve("typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "--noEmit", "--strict", "--target", "es2020", "--module", "commonjs",
    "--moduleResolution", "node", "--types", "@slack/types", file], { cwd: __dirname, encoding: "utf8" });
  const output = (result.stdout || "") + (result.stderr || "");
  const errors = output.split("\n").filter(l => /error TS\d+/.test(l));
  if (result.status !== 0 && errors.length === 0) errors.push(output || `tsc a échoué (${result.status})`);
  if (process.argv.includes("--keep") === false) fs.unlinkSync(file);
  process.stdout.write(JSON.stringify({ file, errors, output: errors.length ? output.slice(0, 20000) : "" }));
});
