// Validates a Teams app manifest (JSON on stdin) against the official schema bundled in @microsoft/app-manifest.
// Refuses a $schema the package does not bundle (it would try the internet). Output: a JSON array of error strings.
const path = require("path");
const fs = require("fs");
const { AppManifestUtils } = require("@microsoft/app-manifest");

let input = "";
process.stdin.on("data", d => (input += d));
process.stdin.on("end", async () => {
  const manifest = JSON.parse(input);
  const m = /^https:\/\/developer\.microsoft\.com\/json-schemas\/teams\/(v[0-9.]+)\/MicrosoftTeams\.schema\.json$/.exec(manifest.$schema || "");
  const bundled = m && fs.existsSync(path.join(path.dirname(require.resolve("@microsoft/app-manifest")), "json-schemas", "teams", m[1], "MicrosoftTeams.schema.json"));
  if (!bundled) {
    process.stdout.write(JSON.stringify([`$schema non embarqué par @microsoft/app-manifest : ${manifest.$schema}`]));
    return;
  }
  const errors = await AppManifestUtils.validateAgainstSchema(manifest);
  process.stdout.write(JSON.stringify(errors));
});
