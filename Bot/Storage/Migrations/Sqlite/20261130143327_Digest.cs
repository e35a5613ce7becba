using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Communaute.Bot.Storage.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnansweredQuestionId = table.Column<long>(type: "INTEGER", nullable: false),
                    QuestionText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DigestId = table.Column<long>(type: "INTEGER", nullable: true),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ProposedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestAnswerProposals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DigestPostings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DigestId = table.Column<long>(type: "INTEGER", nullable: false),
                    TargetId = table.Column<long>(type: "INTEGER", nullable: false),
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MessageCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SentRevision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestPostings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Digests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Period = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ContentJson = table.Column<string>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    ScheduledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PeriodEndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CoversFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ApprovedByMemberId = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PostedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReminderSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DraftNotifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    KnowledgeSnapshotJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Digests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DigestTargets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: false),
                    AddedByMemberId = table.Column<long>(type: "INTEGER", nullable: true),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ParkedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ParkedReason = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
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
