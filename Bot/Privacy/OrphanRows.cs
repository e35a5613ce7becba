namespace Communaute.Bot.Privacy;

/// <summary>
/// Rows left behind before the foreign keys existed (a conversation deleted under another member's questionnaire, a
/// member's rows that outlived them): removed by the migration that adds the keys, which PostgreSQL would otherwise
/// refuse. Plain SQL valid on SQLite and PostgreSQL.
/// </summary>
public static class OrphanRows
{
    public static readonly string[] CleanupSql =
    [
        """DELETE FROM "DialogStates" WHERE "MemberId" NOT IN (SELECT "Id" FROM "Members") OR "ConversationId" NOT IN (SELECT "Id" FROM "Conversations")""",
        """DELETE FROM "Characterisations" WHERE "MemberId" NOT IN (SELECT "Id" FROM "Members")""",
        """DELETE FROM "MediaFiles" WHERE "MemberId" NOT IN (SELECT "Id" FROM "Members")""",
        """UPDATE "Characterisations" SET "ChartMediaId" = NULL WHERE "ChartMediaId" IS NOT NULL AND "ChartMediaId" NOT IN (SELECT "Id" FROM "MediaFiles")""",
        """UPDATE "Conversations" SET "DirectMemberId" = NULL WHERE "DirectMemberId" IS NOT NULL AND "DirectMemberId" NOT IN (SELECT "Id" FROM "Members")""",
        """DELETE FROM "UnansweredQuestions" WHERE "MemberId" IS NOT NULL AND "MemberId" NOT IN (SELECT "Id" FROM "Members")""",
        """UPDATE "UnansweredQuestions" SET "ConversationId" = NULL WHERE "ConversationId" IS NOT NULL AND "ConversationId" NOT IN (SELECT "Id" FROM "Conversations")""",
        """DELETE FROM "AnswerAudits" WHERE "MemberId" IS NOT NULL AND "MemberId" NOT IN (SELECT "Id" FROM "Members")""",
    ];

    /// <summary>The same for the sessions, digest and outbox keys (migration ForeignKeys), children before parents.</summary>
    public static readonly string[] SessionsDigestOutboxSql =
    [
        """DELETE FROM "SessionBookings" WHERE "MemberId" NOT IN (SELECT "Id" FROM "Members") OR "SessionId" NOT IN (SELECT "Id" FROM "CoDevSessions")""",
        """DELETE FROM "SessionOffers" WHERE "MemberId" NOT IN (SELECT "Id" FROM "Members") OR "SessionId" NOT IN (SELECT "Id" FROM "CoDevSessions") OR "BookingId" NOT IN (SELECT "Id" FROM "SessionBookings")""",
        """DELETE FROM "SessionAgenda" WHERE "SessionId" NOT IN (SELECT "Id" FROM "CoDevSessions") OR ("BookingId" IS NOT NULL AND "BookingId" NOT IN (SELECT "Id" FROM "SessionBookings")) OR ("OfferId" IS NOT NULL AND "OfferId" NOT IN (SELECT "Id" FROM "SessionOffers"))""",
        """DELETE FROM "SessionPosts" WHERE "SessionId" NOT IN (SELECT "Id" FROM "CoDevSessions")""",
        """DELETE FROM "SessionPairs" WHERE "MemberA" NOT IN (SELECT "Id" FROM "Members") OR "MemberB" NOT IN (SELECT "Id" FROM "Members") OR "SessionId" NOT IN (SELECT "Id" FROM "CoDevSessions")""",
        """DELETE FROM "SessionProfiles" WHERE "MemberId" NOT IN (SELECT "Id" FROM "Members")""",
        """DELETE FROM "DigestPostings" WHERE "DigestId" NOT IN (SELECT "Id" FROM "Digests")""",
        """DELETE FROM "DigestAnswerProposals" WHERE "MemberId" NOT IN (SELECT "Id" FROM "Members") OR ("DigestId" IS NOT NULL AND "DigestId" NOT IN (SELECT "Id" FROM "Digests"))""",
        """DELETE FROM "Outbox" WHERE "MemberId" IS NOT NULL AND "MemberId" NOT IN (SELECT "Id" FROM "Members")""",
    ];
}
