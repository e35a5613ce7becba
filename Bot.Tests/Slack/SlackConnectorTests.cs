using Communaute.Bot.Channels;
using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using YamlDotNet.RepresentationModel;

namespace Communaute.Bot.Tests.Slack;

public sealed class SlackConnectorTests
{
    [Fact]
    public async Task Proactive_messages_reach_a_stored_channel_and_a_members_dm()
    {
        await using var t = await SlackTestHost.StartAsync();
        // A mention stores the channel; a DM is opened for a member who never wrote to the bot directly.
        await t.PostEventAsync(SlackTestHost.Envelope(t.NextEventId(), SlackTestHost.Mention("U5", "C5", "ping", "1795000000.000100")));
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage");

        using var scope = t.Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var messenger = scope.ServiceProvider.GetRequiredService<ProactiveMessenger>();
        var channel = await db.Conversations.SingleAsync(c => c.Channel == "slack" && c.ChannelConversationId == "C5");
        await messenger.SendToConversationAsync(channel.Id, [Reply.Say("Le digest de novembre est paru."), Reply.Show(SampleCards.Form)], "test:digest", default);
        var posted = await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "C5" && c.Str("thread_ts") is null, count: 2);
        Assert.Contains("digest de novembre", posted[0].AllText);
        Assert.Contains("form_open", posted[1].AllText);

        var member = await db.Members.SingleAsync(m => m.Channel == "slack" && m.ChannelUserId == "U5");
        Assert.True(await messenger.SendToMemberAsync(member.Id, [Reply.Say("Rappel : session demain à 14 h.")], "test:rappel1", default));
        var dm = Assert.Single(await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "DU5"));
        var open = Assert.Single(t.Slack.CallsTo("conversations.open"));
        Assert.Equal("U5", open.Str("users"));
        Assert.Contains("Rappel", dm.AllText);
        var stored = await db.Conversations.AsNoTracking().SingleAsync(c => c.Channel == "slack" && c.ChannelConversationId == "DU5");
        Assert.Equal(member.Id, stored.DirectMemberId);

        // The DM is now known: no second conversations.open.
        Assert.True(await messenger.SendToMemberAsync(member.Id, [Reply.Say("Second rappel.")], "test:rappel2", default));
        await t.Slack.WaitForAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "DU5", count: 2);
        Assert.Single(t.Slack.CallsTo("conversations.open"));
        // A key already used sends nothing.
        Assert.False(await messenger.SendToMemberAsync(member.Id, [Reply.Say("Second rappel.")], "test:rappel2", default));
    }

    [Fact]
    public void The_manifest_declares_the_bot_its_least_scopes_command_events_and_endpoints()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Infrastructure.RepoPaths.Root, "manifest", "slack-app.yaml"))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        YamlNode At(params string[] path) => path.Aggregate((YamlNode)root, (node, key) => ((YamlMappingNode)node)[key]);
        string[] List(params string[] path) => ((YamlSequenceNode)At(path)).Children.Select(c => ((YamlScalarNode)c).Value!).ToArray();

        Assert.Equal("communaute", ((YamlScalarNode)At("features", "bot_user", "display_name")).Value);
        Assert.Equal(new[] { "app_mentions:read", "channels:history", "chat:write", "commands", "groups:history", "im:history", "im:write", "mpim:history", "users:read" },
            List("oauth_config", "scopes", "bot").Order().ToArray());
        Assert.Equal(new[] { "app_mention", "message.im" }, List("settings", "event_subscriptions", "bot_events"));
        var command = (YamlMappingNode)((YamlSequenceNode)At("features", "slash_commands")).Children.Single();
        Assert.Equal("/communaute", ((YamlScalarNode)command["command"]).Value);
        Assert.EndsWith("/slack/commands", ((YamlScalarNode)command["url"]).Value);
        Assert.EndsWith("/slack/events", ((YamlScalarNode)At("settings", "event_subscriptions", "request_url")).Value);
        Assert.EndsWith("/slack/interactivity", ((YamlScalarNode)At("settings", "interactivity", "request_url")).Value);
        Assert.Equal("true", ((YamlScalarNode)At("settings", "interactivity", "is_enabled")).Value);
        Assert.Contains(((YamlScalarNode)At("settings", "socket_mode_enabled")).Value, new[] { "true", "false" });
    }
}
