using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Communaute.Bot.Channels.Slack;

namespace Communaute.Bot.Tests.Slack;

public sealed class SlackCommandAndInteractivityTests
{
    [Theory]
    [InlineData("question Qu'est-ce que le FISO ?", "Qu'est-ce que le FISO ?")]
    [InlineData("caractériser", "caractériser")]
    [InlineData("sessions", "sessions")]
    [InlineData("digest", "digest")]
    [InlineData("aide", "aide")]
    [InlineData("", "aide")]
    public void Subcommands_map_to_the_text_a_member_would_type(string command, string text) =>
        Assert.Equal(text, SlashCommand.ToTurnText(command));

    [Fact]
    public async Task The_slash_command_is_acknowledged_and_answered_ephemerally_through_response_url()
    {
        await using var t = await SlackTestHost.StartAsync();
        var response = await t.PostCommandAsync(SlackTestHost.Command("aide", slack: t.Slack, responseUrlId: "h1"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        var answer = Assert.Single(await t.Slack.WaitForAsync(c => c.Method == "response_url"));
        Assert.Equal("ephemeral", answer.Str("response_type"));
        Assert.Equal("h1", answer.Str("__hook"));
        Assert.Contains("Ce que je sais faire", answer.AllText);
        Assert.Equal("aide", Assert.Single(t.Turns.All).Text);
    }

    [Fact]
    public async Task Question_and_caracteriser_reach_the_pipeline_as_typed_text()
    {
        await using var t = await SlackTestHost.StartAsync();
        await t.PostCommandAsync(SlackTestHost.Command("question ping", slack: t.Slack));
        await t.PostCommandAsync(SlackTestHost.Command("caractériser", slack: t.Slack));
        await t.Slack.WaitForAsync(c => c.Method == "response_url", count: 2);
        Assert.Equal(new[] { "ping", "caractériser" }, t.Turns.All.Select(x => x.Text ?? "").ToArray());
    }

    [Fact]
    public async Task In_a_direct_message_the_command_answers_in_the_conversation()
    {
        await using var t = await SlackTestHost.StartAsync();
        await t.PostCommandAsync(SlackTestHost.Command("question ping", channel: "D42", slack: t.Slack));
        var answer = Assert.Single(await t.Slack.WaitForAsync(c => c.Method == "response_url"));
        Assert.Equal("in_channel", answer.Str("response_type"));
        Assert.False(Assert.Single(t.Turns.All).IsGroup);
    }

    [Theory]
    [InlineData("user_id=U1&text=aide")]
    [InlineData("{\"command\":\"/communaute\"}")]
    [InlineData("")]
    public async Task Malformed_commands_get_400(string body)
    {
        await using var t = await SlackTestHost.StartAsync();
        var response = await t.PostSignedAsync("slack/commands", Encoding.UTF8.GetBytes(body), "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await t.InboxAsync());
    }

    [Fact]
    public async Task A_clicked_button_reaches_the_pipeline_as_its_value_with_the_cards_prompt()
    {
        await using var t = await SlackTestHost.StartAsync();
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "choix", "1795000000.000100")));
        var card = Assert.Single(await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage"));
        var fort = SlackTestHost.Buttons(card).Single(b => b["text"]!["text"]!.ToString() == "Fort");
        Assert.StartsWith(SlackBlockKitRenderer.ChoiceActionPrefix, fort["action_id"]!.ToString());
        Assert.Equal("primary", fort["style"]!.ToString());

        Assert.Equal(HttpStatusCode.OK, (await t.PostInteractionAsync(t.Click(fort, "U1", "D1"))).StatusCode);
        var answers = await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 2);
        Assert.Contains("Choisi : fort", answers[1].AllText);
        var click = t.Turns.All.Last();
        Assert.Equal("fort", click.Text);
        Assert.Equal(ScriptedFeature.ChoicePrompt, click.PromptId);
        Assert.True(click.IsClick);
    }

    [Fact]
    public async Task Typed_text_and_clicked_choice_lead_to_the_same_answer()
    {
        await using var t = await SlackTestHost.StartAsync();
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "aide", "1795000000.000100")));
        var help = Assert.Single(await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage"));
        var button = SlackTestHost.Buttons(help).First(b => b["action_id"]!.ToString().StartsWith("choice_"));
        var value = JsonNode.Parse(button["value"]!.ToString())!["__text"]!.ToString();
        await t.PostInteractionAsync(t.Click(button, "U1", "D1"));
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", value, "1795000000.000200")));
        var posted = await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 3, seconds: 20);
        Assert.Equal(Normalize(posted[1].Body["blocks"]!), Normalize(posted[2].Body["blocks"]!));
    }

    private static string Normalize(JsonNode blocks) =>
        System.Text.RegularExpressions.Regex.Replace(blocks.ToJsonString(), "\"value\":\"[^\"]*\"", "\"value\":\"…\"");

    [Fact]
    public async Task A_click_on_an_ephemeral_message_is_answered_through_its_response_url()
    {
        await using var t = await SlackTestHost.StartAsync();
        await t.PostCommandAsync(SlackTestHost.Command("choix", slack: t.Slack));
        var card = Assert.Single(await t.Slack.WaitForAsync(c => c.Method == "response_url"));
        var faible = SlackTestHost.Buttons(card).Single(b => b["text"]!["text"]!.ToString() == "Faible");
        await t.PostInteractionAsync(t.Click(faible, "U1", "C1", ephemeral: true));
        var answers = await t.Slack.WaitForAsync(c => c.Method == "response_url", count: 2);
        Assert.Equal("click", answers[1].Str("__hook"));
        Assert.Equal("ephemeral", answers[1].Str("response_type"));
        Assert.Contains("Choisi : faible", answers[1].AllText);
    }

    [Fact]
    public async Task Unknown_actions_and_interaction_types_are_acknowledged_and_ignored()
    {
        await using var t = await SlackTestHost.StartAsync();
        var unknown = t.Click(new JsonObject { ["action_id"] = "mystere", ["value"] = "x", ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = "?" } }, "U1", "D1");
        Assert.Equal(HttpStatusCode.OK, (await t.PostInteractionAsync(unknown)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await t.PostInteractionAsync(new JsonObject { ["type"] = "shortcut", ["user"] = new JsonObject { ["id"] = "U1" } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await t.PostInteractionAsync(new JsonObject { ["type"] = "view_closed", ["user"] = new JsonObject { ["id"] = "U1" }, ["view"] = new JsonObject() })).StatusCode);
        await Task.Delay(300);
        Assert.Empty(await t.InboxAsync());
        Assert.Empty(t.Slack.Calls);
    }

    [Theory]
    [InlineData("text=aide")]
    [InlineData("payload=pas-du-json")]
    [InlineData("payload=%7B%22type%22%3A%22block_actions%22%7D")]
    public async Task Malformed_interactions_get_400(string body)
    {
        await using var t = await SlackTestHost.StartAsync();
        var response = await t.PostSignedAsync("slack/interactivity", Encoding.UTF8.GetBytes(body), "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await t.InboxAsync());
    }

    [Fact]
    public async Task A_form_opens_in_a_modal_checks_its_fields_and_submits_as_a_turn()
    {
        await using var t = await SlackTestHost.StartAsync();
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.DirectMessage("U1", "D1", "formulaire", "1795000000.000100")));
        var message = Assert.Single(await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage"));
        var open = SlackTestHost.Buttons(message).Single(b => b["action_id"]!.ToString() == SlackBlockKitRenderer.OpenFormAction);
        var click = t.Click(open, "U1", "D1");
        await t.PostInteractionAsync(click);
        var opened = Assert.Single(await t.Slack.WaitForAsync(c => c.Method == "views.open"));
        Assert.Equal(click["trigger_id"]!.ToString(), opened.Str("trigger_id"));
        var view = opened.Body["view"]!.AsObject();
        Assert.Equal("modal", view["type"]!.ToString());
        var inputs = view["blocks"]!.AsArray().OfType<JsonObject>().Where(b => b["type"]!.ToString() == "input").ToList();
        Assert.Equal(["titre", "detail", "role", "places", "rappel"], inputs.Select(b => b["block_id"]!.ToString()).ToArray());
        Assert.Equal(80, inputs[0]["element"]!["max_length"]!.GetValue<int>());

        // Missing required fields: errors shown in the modal, nothing queued.
        var missing = await t.PostInteractionAsync(Submission(view, new() { ["detail"] = "rien" }));
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        var errors = (await missing.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("errors", errors["response_action"]!.ToString());
        Assert.Equal("Ce champ est obligatoire.", errors["errors"]!["titre"]!.ToString());
        Assert.NotNull(errors["errors"]!["role"]);

        // Too long.
        var tooLong = await (await t.PostInteractionAsync(Submission(view, new() { ["titre"] = new string('x', 81), ["role"] = "client" })))
            .Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("80 caractères au plus", tooLong!["errors"]!["titre"]!.ToString());
        Assert.Null(tooLong["errors"]!["role"]);
        Assert.Equal(1, (await t.InboxAsync()).Count(i => i.Kind == "interaction")); // only the click that opened the modal

        // Valid: the modal closes (empty 200) and the form reaches the pipeline.
        var ok = await t.PostInteractionAsync(Submission(view, new() { ["titre"] = "Trouver des financements", ["role"] = "client", ["places"] = "6", ["rappel"] = "true" }));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("", await ok.Content.ReadAsStringAsync());
        var thanks = await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage", count: 2);
        Assert.Contains("Merci places=6, rappel=true, role=client, titre=Trouver des financements", thanks[1].AllText);
        var turn = t.Turns.All.Last();
        Assert.Equal(ScriptedFeature.FormPrompt, turn.PromptId);
        Assert.Equal("envoyer problème", turn.Text);
        Assert.Equal("D1", turn.ConversationId);
    }

    private static JsonObject Submission(JsonObject view, Dictionary<string, string> values)
    {
        var state = new JsonObject();
        foreach (var block in view["blocks"]!.AsArray().OfType<JsonObject>().Where(b => b["type"]!.ToString() == "input"))
        {
            var id = block["block_id"]!.ToString();
            var type = block["element"]!["type"]!.ToString();
            values.TryGetValue(id, out var value);
            JsonObject element = type switch
            {
                "static_select" => new() { ["type"] = type, ["selected_option"] = value is null ? null : new JsonObject { ["value"] = value, ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value } } },
                "checkboxes" => new() { ["type"] = type, ["selected_options"] = value == "true" ? new JsonArray(new JsonObject { ["value"] = "true" }) : new JsonArray() },
                _ => new() { ["type"] = type, ["value"] = value },
            };
            state[id] = new JsonObject { [SlackModalRenderer.ValueActionId] = element };
        }
        return new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = new JsonObject { ["id"] = "T1" },
            ["user"] = new JsonObject { ["id"] = "U1", ["name"] = "alice" },
            ["trigger_id"] = "trig." + Guid.NewGuid().ToString("N"),
            ["view"] = new JsonObject
            {
                ["id"] = "V1", ["hash"] = Guid.NewGuid().ToString("N"), ["type"] = "modal",
                ["callback_id"] = view["callback_id"]!.DeepClone(),
                ["private_metadata"] = view["private_metadata"]!.DeepClone(),
                ["blocks"] = view["blocks"]!.DeepClone(),
                ["state"] = new JsonObject { ["values"] = state },
            },
        };
    }
}
