using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Communaute.Bot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Security : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows left without their member or conversation by earlier erasures: removed before the foreign keys.
            foreach (var sql in Communaute.Bot.Privacy.OrphanRows.CleanupSql) migrationBuilder.Sql(sql);

            migrationBuilder.CreateTable(
                name: "MemberCommunities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    Community = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FirstSeenAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberCommunities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberCommunities_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Secrets",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Secrets", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UnansweredQuestions_ConversationId",
                table: "UnansweredQuestions",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_UnansweredQuestions_MemberId",
                table: "UnansweredQuestions",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_DialogStates_ConversationId",
                table: "DialogStates",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_DirectMemberId",
                table: "Conversations",
                column: "DirectMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Characterisations_ChartMediaId",
                table: "Characterisations",
                column: "ChartMediaId");

            migrationBuilder.CreateIndex(
                name: "IX_AnswerAudits_MemberId",
                table: "AnswerAudits",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberCommunities_Community",
                table: "MemberCommunities",
                column: "Community");

            migrationBuilder.CreateIndex(
                name: "IX_MemberCommunities_MemberId_Community",
                table: "MemberCommunities",
                columns: new[] { "MemberId", "Community" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_AnswerAudits_Members_MemberId",
                table: "AnswerAudits",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Characterisations_MediaFiles_ChartMediaId",
                table: "Characterisations",
                column: "ChartMediaId",
                principalTable: "MediaFiles",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Characterisations_Members_MemberId",
                table: "Characterisations",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Conversations_Members_DirectMemberId",
                table: "Conversations",
                column: "DirectMemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_DialogStates_Conversations_ConversationId",
                table: "DialogStates",
                column: "ConversationId",
                principalTable: "Conversations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_DialogStates_Members_MemberId",
                table: "DialogStates",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_MediaFiles_Members_MemberId",
                table: "MediaFiles",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_UnansweredQuestions_Conversations_ConversationId",
                table: "UnansweredQuestions",
                column: "ConversationId",
                principalTable: "Conversations",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_UnansweredQuestions_Members_MemberId",
                table: "UnansweredQuestions",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AnswerAudits_Members_MemberId",
                table: "AnswerAudits");

            migrationBuilder.DropForeignKey(
                name: "FK_Characterisations_MediaFiles_ChartMediaId",
                table: "Characterisations");

            migrationBuilder.DropForeignKey(
                name: "FK_Characterisations_Members_MemberId",
                table: "Characterisations");

            migrationBuilder.DropForeignKey(
                name: "FK_Conversations_Members_DirectMemberId",
                table: "Conversations");

            migrationBuilder.DropForeignKey(
                name: "FK_DialogStates_Conversations_ConversationId",
                table: "DialogStates");

            migrationBuilder.DropForeignKey(
                name: "FK_DialogStates_Members_MemberId",
                table: "DialogStates");

            migrationBuilder.DropForeignKey(
                name: "FK_MediaFiles_Members_MemberId",
                table: "MediaFiles");

            migrationBuilder.DropForeignKey(
                name: "FK_UnansweredQuestions_Conversations_ConversationId",
                table: "UnansweredQuestions");

            migrationBuilder.DropForeignKey(
                name: "FK_UnansweredQuestions_Members_MemberId",
                table: "UnansweredQuestions");

            migrationBuilder.DropTable(
                name: "MemberCommunities");

            migrationBuilder.DropTable(
                name: "Secrets");

            migrationBuilder.DropIndex(
                name: "IX_UnansweredQuestions_ConversationId",
                table: "UnansweredQuestions");

            migrationBuilder.DropIndex(
                name: "IX_UnansweredQuestions_MemberId",
                table: "UnansweredQuestions");

            migrationBuilder.DropIndex(
                name: "IX_DialogStates_ConversationId",
                table: "DialogStates");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_DirectMemberId",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Characterisations_ChartMediaId",
                table: "Characterisations");

            migrationBuilder.DropIndex(
                name: "IX_AnswerAudits_MemberId",
                table: "AnswerAudits");
        }
    }
}
