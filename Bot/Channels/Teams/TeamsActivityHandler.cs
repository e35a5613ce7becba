using System.Text.Json;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Channels.Teams;

/// <summary>What /api/messages answers: a status and, for invokes, a body.</summary>
public sealed record TeamsResponse(int Status, object? Body = null, string? Error = null);

/// <summary>
/// Handles one authenticated activity: messages and card clicks go through the turn pipeline and the replies go
/// back through the Bot Connector; installs are welcomed once; anything else is acknowledged.
/// </summary>
public sealed class TeamsActivityHandler(
    TurnPipeline pipeline,
    BotConnectorClient connector,
    IServiceScopeFactory scopes,
    ConversationLocks locks,
    IClock clock,
    IOptions<CommunityOptions> community,
    ILogger<TeamsActivityHandler> logger)
{
    /// <summary>How often the typing indicator is repeated while an answer is prepared (Teams shows it about 3 s).</summary>
    public static TimeSpan TypingInterval { get; set; } = TimeSpan.FromSeconds(3);

    public async Task<TeamsResponse> HandleAsync(Activity activity, CancellationToken ct)
    {
        switch (activity.Type)
        {
            case "message":
                if (Missing(activity) is { } missingMessage) return BadRequest(activity, missingMessage);
                var replies = await RunTurnAsync(activity, activity.Value, ct);
                // Once the turn is done, its answers are delivered even if Teams has hung up meanwhile.
                return await SendRepliesAsync(activity, replies, CancellationToken.None) ? new TeamsResponse(200) : new TeamsResponse(502, Error: "réponse non remise au Bot Connector");
            case "invoke" when activity.Name == "adaptiveCard/action":
                if (Missing(activity) is { } missingInvoke) return BadRequest(activity, missingInvoke);
                var answers = await RunTurnAsync(activity, TeamsTurnMapper.ExecuteData(activity), ct);
                var sent = await SendRepliesAsync(activity, answers, CancellationToken.None);
                // Action.Execute wants an invoke response; the answers themselves went to the conversation.
                return new TeamsResponse(200, new
                {
                    statusCode = sent ? 200 : 500,
                    type = "application/vnd.microsoft.activity.message",
                    value = sent ? "C'est noté." : "Votre action a été reçue mais la réponse n'a pas pu être envoyée.",
                });
            case "invoke":
                logger.LogInformation("Teams : invoke « {Name} » non géré", activity.Name);
                return new TeamsResponse(200, new { statusCode = 501, type = "application/vnd.microsoft.activity.message", value = "Action non prise en charge." });
            case "conversationUpdate" when (activity.MembersAdded ?? []).Any(m => m.Id is not null && m.Id == activity.Recipient?.Id):
            case "installationUpdate" when activity.Action is null or "add" or "add-upgrade":
                if (Missing(activity) is { } missingInstall) return BadRequest(activity, missingInstall);
                await WelcomeOnceAsync(activity, ct);
                return new TeamsResponse(200);
            case null or "":
                return BadRequest(activity, "type d'activité absent");
            default:
                logger.LogDebug("Teams : activité {Type} ignorée", activity.Type);
                return new TeamsResponse(200);
        }
    }

    private async Task<IReadOnlyList<Reply>> RunTurnAsync(Activity activity, JsonElement? submitData, CancellationToken ct)
    {
        var turn = TeamsTurnMapper.ToTurn(activity, submitData);
        using var typing = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var typingLoop = KeepTypingAsync(activity, typing.Token);
        try { return await pipeline.HandleAsync(turn, ct); }
        finally
        {
            await typing.CancelAsync();
            await typingLoop;
        }
    }

    private async Task KeepTypingAsync(Activity activity, CancellationToken ct)
    {
        try
        {
            // Most answers take a few milliseconds: show "typing" only when the answer is not immediate.
            await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
            while (!ct.IsCancellationRequested)
            {
                await connector.SendAsync(activity.ServiceUrl!, activity.Conversation!.Id!, new Activity
                {
                    Type = "typing",
                    From = activity.Recipient,
                    Recipient = activity.From,
                    Conversation = activity.Conversation,
                }, ct);
                await Task.Delay(TypingInterval, ct);
            }
        }
        catch (OperationCanceledException) { }
        catch (BotConnectorException e) { logger.LogDebug("Indicateur de saisie non envoyé : {Error}", e.Message); }
    }

    /// <summary>Sends the replies one after the other as replies to the activity (in a channel: in its thread).</summary>
    private async Task<bool> SendRepliesAsync(Activity inbound, IReadOnlyList<Reply> replies, CancellationToken ct)
    {
        for (var i = 0; i < replies.Count; i++)
        {
            var outbound = TeamsReplyRenderer.ToActivity(replies[i]);
            outbound.From = inbound.Recipient;
            outbound.Recipient = inbound.From;
            outbound.Conversation = inbound.Conversation;
            outbound.ReplyToId = inbound.Id;
            try
            {
                if (inbound.Id is { Length: > 0 } id)
                    await connector.ReplyAsync(inbound.ServiceUrl!, inbound.Conversation!.Id!, id, outbound, ct);
                else
                    await connector.SendAsync(inbound.ServiceUrl!, inbound.Conversation!.Id!, outbound, ct);
            }
            catch (BotConnectorException e)
            {
                logger.LogError("Teams : réponse {Index}/{Count} non remise dans la conversation {Conversation} : {Error}. Texte perdu : {Text}",
                    i + 1, replies.Count, inbound.Conversation!.Id, e.Message, replies[i].Text ?? replies[i].Card?.Title);
                return false;
            }
        }
        return true;
    }

    private async Task WelcomeOnceAsync(Activity activity, CancellationToken ct)
    {
        var conversationId = activity.Conversation!.Id!;
        using var _ = await locks.AcquireAsync($"msteams-welcome|{conversationId}", ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        if (await db.Conversations.AnyAsync(c => c.Channel == TeamsChannel.ChannelId && c.ChannelConversationId == conversationId, ct))
        {
            logger.LogInformation("Teams : {Type} dans {Conversation} déjà accueillie, pas de second message de bienvenue", activity.Type, conversationId);
            return;
        }
        // Records the conversation (and its reference, for proactive messages) before welcoming, so a second event does not welcome again.
        var turn = TeamsTurnMapper.ToTurn(activity, null);
        await scope.ServiceProvider.GetRequiredService<MemberDirectory>().EnsureAsync(turn, clock.GetCurrentInstant(), ct);
        var welcome = TeamsReplyRenderer.ToActivity(Reply.Show(TeamsReplyRenderer.WelcomeCard(community.Value.Name)));
        welcome.From = activity.Recipient;
        welcome.Conversation = activity.Conversation;
        try
        {
            await connector.SendAsync(activity.ServiceUrl!, conversationId, welcome, ct);
            logger.LogInformation("Teams : message de bienvenue envoyé dans {Conversation} ({Type})", conversationId, activity.Conversation.ConversationType ?? "?");
        }
        catch (BotConnectorException e)
        {
            logger.LogError("Teams : message de bienvenue non remis dans {Conversation} : {Error}", conversationId, e.Message);
        }
    }

    private static string? Missing(Activity a) =>
        a.Conversation?.Id is not { Length: > 0 } ? "conversation.id absent"
        : a.From?.Id is not { Length: > 0 } ? "from.id absent"
        : a.ServiceUrl is not { Length: > 0 } ? "serviceUrl absent"
        : !Uri.TryCreate(a.ServiceUrl, UriKind.Absolute, out var u) || u.Scheme is not ("https" or "http") ? "serviceUrl invalide"
        : a.From.Id.Length > 256 ? "from.id trop long"
        : a.Conversation.Id.Length > 512 || a.Conversation.Id.Contains("..") || a.Conversation.Id.Any(c => c is '/' or '\\' || char.IsControl(c)) ? "conversation.id invalide"
        : null;

    private TeamsResponse BadRequest(Activity a, string why)
    {
        logger.LogWarning("Teams : activité {Type} refusée : {Why}", a.Type ?? "?", why);
        return new TeamsResponse(400, Error: why);
    }
}
