// Parses Adaptive Cards with the official renderer's parser at version 1.5 and reports every
// parse or validation event. Input: a JSON array of cards on stdin. Output: a JSON array, one list of problems per card.
const AC = require("adaptivecards/dist/adaptivecards.js");

let input = "";
process.stdin.on("data", d => (input += d));
process.stdin.on("end", () => {
  const cards = JSON.parse(input);
  const results = cards.map(json => {
    const context = new AC.SerializationContext(AC.Versions.v1_5);
    const card = new AC.AdaptiveCard();
    card.parse(json, context);
    const problems = [];
    for (let i = 0; i < context.eventCount; i++) {
      const e = context.getEventAt(i);
      problems.push({ phase: "parse", phaseName: String(e.phase), event: String(e.event), message: e.message });
    }
    const validation = card.validateProperties();
    for (const e of validation.validationEvents || []) problems.push({ phase: "validate", event: String(e.event), message: e.message });
    return problems;
  });
  process.stdout.write(JSON.stringify(results));
});
