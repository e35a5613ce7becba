using NodaTime;

namespace Communaute.Bot.Storage;

/// <summary>A person the bot has talked to, on one channel.</summary>
public sealed class Member
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string ChannelUserId { get; set; }
    public string DisplayName { get; set; } = "";

    /// <summary>IANA zone the member's times are shown in.</summary>
    public string TimeZoneId { get; set; } = "Europe/Paris";

    /// <summary>True once the member chose a zone, so the channel's guess no longer overrides it.</summary>
    public bool TimeZoneChosen { get; set; }

    /// <summary>Comma-separated roles ("facilitator,curator").</summary>
    public string Roles { get; set; } = "";
    public Instant CreatedAt { get; set; }
    public Instant LastSeenAt { get; set; }
}

/// <summary>A conversation the bot is part of, with what it needs to write there later (proactive messages).</summary>
public sealed class Conversation
{
    public long Id { get; set; }
    public required string Channel { get; set; }
    public required string ChannelConversationId { get; set; }
    public bool IsGroup { get; set; }

    /// <summary>The channel adapter's conversation reference (JSON), e.g. Teams serviceUrl + ids, Slack channel + thread.</summary>
    public string? ReferenceJson { get; set; }

    /// <summary>For a 1:1 conversation, the member it is with (where their reminders go).</summary>
    public long? DirectMemberId { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant LastActivityAt { get; set; }
}

public enum UnansweredStatus { Open, Forwarded, Answered, Dismissed }

/// <summary>A question the knowledge base could not answer, waiting for curators.</summary>
public sealed class UnansweredQuestion
{
    public long Id { get; set; }
    public required string Text { get; set; }
    public long? MemberId { get; set; }
    public long? ConversationId { get; set; }
    public required string Channel { get; set; }
    public Instant AskedAt { get; set; }
    public UnansweredStatus Status { get; set; }
    public Instant? ForwardedAt { get; set; }

    /// <summary>The group of similar questions it belongs to (Curation/QuestionGroup), for curators' counts.</summary>
    public long? GroupId { get; set; }
}

/// <summary>What the bot answered to a question: for curators and quality follow-up.</summary>
public sealed class AnswerAudit
{
    public long Id { get; set; }
    public Instant At { get; set; }
    public required string Channel { get; set; }
    public long? MemberId { get; set; }
    public required string Question { get; set; }
    public required string Outcome { get; set; }

    /// <summary>Ids of the cited entries, comma-separated, best first.</summary>
    public string Sources { get; set; } = "";
    public double TopScore { get; set; }
    public double ElapsedMs { get; set; }
}
