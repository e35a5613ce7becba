using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Communaute.Bot.Privacy;

// Foreign keys of the core tables, so that no row can outlive the member or conversation it belongs to. A member's
// rows go with the member; a conversation holding someone else's questionnaire cannot be deleted (see DialogEntities).

internal sealed class ConversationKeys : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> e) =>
        e.HasOne<Member>().WithMany().HasForeignKey(c => c.DirectMemberId).OnDelete(DeleteBehavior.SetNull);
}

internal sealed class UnansweredQuestionKeys : IEntityTypeConfiguration<UnansweredQuestion>
{
    public void Configure(EntityTypeBuilder<UnansweredQuestion> e)
    {
        e.HasOne<Member>().WithMany().HasForeignKey(q => q.MemberId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Conversation>().WithMany().HasForeignKey(q => q.ConversationId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AnswerAuditKeys : IEntityTypeConfiguration<AnswerAudit>
{
    public void Configure(EntityTypeBuilder<AnswerAudit> e) =>
        e.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Cascade);
}
