using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Communaute.Bot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Digest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DigestAnswerProposals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UnansweredQuestionId = table.Column<long>(type: "bigint", nullable: false),
                    QuestionText = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    DigestId = table.Column<long>(type: "bigint", nullable: true),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    MemberName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ProposedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestAnswerProposals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DigestPostings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DigestId = table.Column<long>(type: "bigint", nullable: false),
                    TargetId = table.Column<long>(type: "bigint", nullable: false),
                    ConversationId = table.Column<long>(type: "bigint", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    SentAt = table.Column<long>(type: "bigint", nullable: true),
                    MessageCount = table.Column<int>(type: "integer", nullable: false),
                    SentRevision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestPostings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Digests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ContentJson = table.Column<string>(type: "text", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    ScheduledAt = table.Column<long>(type: "bigint", nullable: false),
                    PeriodEndsAt = table.Column<long>(type: "bigint", nullable: false),
                    CoversFrom = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    ApprovedByMemberId = table.Column<long>(type: "bigint", nullable: true),
                    ApprovedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ApprovedAt = table.Column<long>(type: "bigint", nullable: true),
                    PostedAt = table.Column<long>(type: "bigint", nullable: true),
                    ReminderSentAt = table.Column<long>(type: "bigint", nullable: true),
                    DraftNotifiedAt = table.Column<long>(type: "bigint", nullable: true),
                    KnowledgeSnapshotJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Digests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DigestTargets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConversationId = table.Column<long>(type: "bigint", nullable: false),
                    AddedByMemberId = table.Column<long>(type: "bigint", nullable: true),
                    AddedAt = table.Column<long>(type: "bigint", nullable: false),
                    ParkedAt = table.Column<long>(type: "bigint", nullable: true),
                    ParkedReason = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestTargets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DigestAnswerProposals_DigestId",
                table: "DigestAnswerProposals",
                column: "DigestId");

            migrationBuilder.CreateIndex(
                name: "IX_DigestAnswerProposals_MemberId",
                table: "DigestAnswerProposals",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_DigestPostings_DigestId_TargetId",
                table: "DigestPostings",
                columns: new[] { "DigestId", "TargetId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DigestPostings_IdempotencyKey",
                table: "DigestPostings",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Digests_Period",
                table: "Digests",
                column: "Period",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Digests_Status_ScheduledAt",
                table: "Digests",
                columns: new[] { "Status", "ScheduledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DigestTargets_ConversationId",
                table: "DigestTargets",
                column: "ConversationId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DigestAnswerProposals");

            migrationBuilder.DropTable(
                name: "DigestPostings");

            migrationBuilder.DropTable(
                name: "Digests");

            migrationBuilder.DropTable(
                name: "DigestTargets");
        }
    }
}
