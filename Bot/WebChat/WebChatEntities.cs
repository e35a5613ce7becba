using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Communaute.Bot.WebChat;

/// <summary>
/// A visitor of the chat page, known by an HttpOnly cookie whose token only the browser holds (the database keeps its
/// SHA-256). The server chose the user and conversation ids: nothing a request says can name another visitor.
/// </summary>
public sealed class WebChatSession
{
    public long Id { get; set; }

    /// <summary>SHA-256 of the cookie's token, hex.</summary>
    public required string TokenHash { get; set; }
    public required string UserId { get; set; }
    public required string ConversationId { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant LastSeenAt { get; set; }
}

public enum WebChatSender { Member, Bot }

/// <summary>
/// One message of a web chat conversation, member's or bot's, in order: the page's history and the web chat's message
/// store (what the bot sends proactively is appended here by the web chat connector).
/// </summary>
public sealed class WebChatMessage
{
    public long Id { get; set; }
    public required string ConversationId { get; set; }
    public WebChatSender From { get; set; }

    /// <summary>Bot: the reply as the page draws it (text, Adaptive Card, suggested actions). Member: {"text": …}.</summary>
    public required string PayloadJson { get; set; }

    /// <summary>The page's id of a member message: a second send with the same id is not a second message.</summary>
    public string? ClientMessageId { get; set; }

    /// <summary>For a click: the bot message whose button it was.</summary>
    public long? ReplyToId { get; set; }

    /// <summary>Bot: the card asks a dialog question, answered by whatever the member says next.</summary>
    public bool AsksQuestion { get; set; }

    /// <summary>Incremented when the bot updates the message.</summary>
    public int Revision { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
}

internal sealed class WebChatSessionConfiguration : IEntityTypeConfiguration<WebChatSession>
{
    public void Configure(EntityTypeBuilder<WebChatSession> e)
    {
        e.ToTable("WebChatSessions");
        e.Property(s => s.TokenHash).HasMaxLength(64);
        e.Property(s => s.UserId).HasMaxLength(64);
        e.Property(s => s.ConversationId).HasMaxLength(64);
        e.HasIndex(s => s.TokenHash).IsUnique();
        e.HasIndex(s => s.UserId);
    }
}

internal sealed class WebChatMessageConfiguration : IEntityTypeConfiguration<WebChatMessage>
{
    public void Configure(EntityTypeBuilder<WebChatMessage> e)
    {
        e.ToTable("WebChatMessages");
        e.Property(m => m.ConversationId).HasMaxLength(64);
        e.Property(m => m.ClientMessageId).HasMaxLength(64);
        e.HasIndex(m => new { m.ConversationId, m.Id });
        e.HasIndex(m => new { m.ConversationId, m.UpdatedAt });
        e.HasIndex(m => new { m.ConversationId, m.ClientMessageId }).IsUnique();
    }
}
