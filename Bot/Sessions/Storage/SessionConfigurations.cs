using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Communaute.Bot.Sessions.Storage;

internal sealed class CoDevSessionConfiguration : IEntityTypeConfiguration<CoDevSession>
{
    public void Configure(EntityTypeBuilder<CoDevSession> e)
    {
        e.ToTable("CoDevSessions");
        e.Property(s => s.Title).HasMaxLength(200);
        e.Property(s => s.Theme).HasMaxLength(500);
        e.Property(s => s.Place).HasMaxLength(500);
        e.Property(s => s.FacilitatorName).HasMaxLength(256);
        e.Property(s => s.Organisation).HasMaxLength(200);
        e.Property(s => s.ZoneId).HasMaxLength(64);
        e.Property(s => s.Reminders).HasMaxLength(64);
        e.Ignore(s => s.End);
        e.Ignore(s => s.BookingDeadline);
        e.Ignore(s => s.CancellationDeadline);
        e.Ignore(s => s.SeatsLeft);
        e.HasIndex(s => new { s.Status, s.Start });
        e.HasIndex(s => s.SeriesId);
        e.ToTable(t =>
        {
            t.HasCheckConstraint("CK_CoDevSessions_Taken", "\"Taken\" >= 0 AND \"Taken\" <= \"CapacityMax\"");
            t.HasCheckConstraint("CK_CoDevSessions_Clients", "\"ClientsTaken\" >= 0 AND \"ClientsTaken\" <= \"ClientSlots\"");
        });
    }
}

internal sealed class SessionSeriesConfiguration : IEntityTypeConfiguration<SessionSeries>
{
    public void Configure(EntityTypeBuilder<SessionSeries> e)
    {
        e.ToTable("SessionSeries");
        e.Property(s => s.Phrase).HasMaxLength(500);
        e.Property(s => s.Title).HasMaxLength(200);
        e.Property(s => s.ZoneId).HasMaxLength(64);
    }
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> e)
    {
        e.ToTable("SessionBookings");
        e.Property(b => b.Problem).HasMaxLength(4000);
        e.Property(b => b.ActionPlan).HasMaxLength(4000);
        e.Property(b => b.Source).HasMaxLength(128);
        e.Property(b => b.CancelReason).HasMaxLength(64);
        e.HasIndex(b => new { b.SessionId, b.MemberId }).IsUnique();
        e.HasIndex(b => new { b.SessionId, b.Status, b.WaitlistedAt });
        e.HasIndex(b => new { b.MemberId, b.Status });
        e.HasIndex(b => new { b.Source, b.BookedAt });
        e.HasOne<CoDevSession>().WithMany().HasForeignKey(b => b.SessionId).OnDelete(DeleteBehavior.Cascade);
        // Restrict: a booking holds a seat; erasure cancels it through the booking rules (seat freed, waitlist offered) first.
        e.HasOne<Member>().WithMany().HasForeignKey(b => b.MemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class WaitlistOfferConfiguration : IEntityTypeConfiguration<WaitlistOffer>
{
    public void Configure(EntityTypeBuilder<WaitlistOffer> e)
    {
        e.ToTable("SessionOffers");
        e.HasIndex(o => new { o.BookingId, o.OfferNo }).IsUnique();
        e.HasIndex(o => o.MemberId);
        // Restrict on the member: an offer holds a seat, released by the booking rules, never by a silent delete.
        e.HasOne<Member>().WithMany().HasForeignKey(o => o.MemberId).OnDelete(DeleteBehavior.Restrict);
        // Cascade: an offer has no meaning without its booking or its session.
        e.HasOne<Booking>().WithMany().HasForeignKey(o => o.BookingId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<CoDevSession>().WithMany().HasForeignKey(o => o.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SessionAgendaItemConfiguration : IEntityTypeConfiguration<SessionAgendaItem>
{
    public void Configure(EntityTypeBuilder<SessionAgendaItem> e)
    {
        e.ToTable("SessionAgenda");
        e.Property(a => a.Label).HasMaxLength(16);
        e.Property(a => a.Key).HasMaxLength(128);
        e.HasIndex(a => a.Key).IsUnique();
        e.HasIndex(a => new { a.DoneAt, a.DueAt });
        e.HasIndex(a => a.BookingId);
        e.HasIndex(a => a.SessionId);
        // Cascade: a reminder or a deadline of a session, booking or offer that is gone has nothing left to do.
        e.HasOne<CoDevSession>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Booking>().WithMany().HasForeignKey(a => a.BookingId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<WaitlistOffer>().WithMany().HasForeignKey(a => a.OfferId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SessionPostConfiguration : IEntityTypeConfiguration<SessionPost>
{
    public void Configure(EntityTypeBuilder<SessionPost> e)
    {
        e.ToTable("SessionPosts");
        e.Property(p => p.SentKey).HasMaxLength(128);
        e.HasIndex(p => new { p.SessionId, p.ConversationId }).IsUnique();
        // Cascade: the record of where a session was announced goes with the session.
        e.HasOne<CoDevSession>().WithMany().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PairMeetingConfiguration : IEntityTypeConfiguration<PairMeeting>
{
    public void Configure(EntityTypeBuilder<PairMeeting> e)
    {
        e.ToTable("SessionPairs");
        e.HasIndex(p => new { p.MemberA, p.MemberB, p.SessionId }).IsUnique();
        e.HasIndex(p => p.MemberB);
        e.HasIndex(p => p.SessionId);
        // Cascade: who met whom is the two members' data and history of the session, nothing else depends on it.
        e.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberA).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberB).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<CoDevSession>().WithMany().HasForeignKey(p => p.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SessionProfileConfiguration : IEntityTypeConfiguration<SessionProfile>
{
    public void Configure(EntityTypeBuilder<SessionProfile> e)
    {
        e.ToTable("SessionProfiles");
        e.HasKey(p => p.MemberId);
        e.Property(p => p.MemberId).ValueGeneratedNever();
        e.Property(p => p.Organisation).HasMaxLength(200);
        e.Property(p => p.Region).HasMaxLength(100);
        // Cascade: the profile (organisation, region, pause) is the member's own and holds nothing for others.
        e.HasOne<Member>().WithOne().HasForeignKey<SessionProfile>(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
