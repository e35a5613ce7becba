// Checks request signatures with Slack's own SDKs: @slack/bolt isValidSlackRequest and @slack/events-api
// verifyRequestSignature. Input on stdin: a JSON array of {id, secret, body, timestamp, signature, nowMs}.
// Output: {"results": [{id, bolt, eventsApi}]} — true when the SDK accepts the request.
const { isValidSlackRequest } = require("@slack/bolt");
const { verifyRequestSignature } = require("@slack/events-api");

let input = "";
process.stdin.on("data", d => (input += d));
process.stdin.on("end", () => {
  const vectors = JSON.parse(input);
  const realNow = Date.now;
  const results = vectors.map(v => {
    const headers = {
      "x-slack-signature": v.signature,
      "x-slack-request-timestamp": String(v.timestamp),
    };
    const bolt = isValidSlackRequest({ signingSecret: v.secret, body: v.body, headers, nowMilliseconds: v.nowMs });
    let eventsApi;
    Date.now = () => v.nowMs; // verifyRequestSignature reads the clock itself
    try {
      eventsApi = verifyRequestSignature({
        signingSecret: v.secret, requestSignature: v.signature, requestTimestamp: v.timestamp, body: v.body,
      }) === true;
    } catch (e) {
      eventsApi = false;
    } finally {
      Date.now = realNow;
    }
    return { id: v.id, bolt, eventsApi };
  });
  process.stdout.write(JSON.stringify({ results }));
});
