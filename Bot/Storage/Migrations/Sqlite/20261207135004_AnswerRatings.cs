using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Communaute.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnswerRatings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "QuestionGroup",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "Unanswered"); // groups made before ratings are all of unanswered questions

            migrationBuilder.CreateTable(
                name: "GivenAnswers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: true),
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    EntryIds = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    GroupKey = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GivenAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GivenAnswers_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_GivenAnswers_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "AnswerRatings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AnswerId = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: true),
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: true),
                    Useful = table.Column<bool>(type: "INTEGER", nullable: false),
                    RatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CommentState = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    GroupId = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnswerRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnswerRatings_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_AnswerRatings_GivenAnswers_AnswerId",
                        column: x => x.AnswerId,
                        principalTable: "GivenAnswers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AnswerRatings_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_AnswerRatings_QuestionGroup_GroupId",
                        column: x => x.GroupId,
                        principalTable: "QuestionGroup",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnswerRatings_AnswerId_MemberId",
                table: "AnswerRatings",
                columns: new[] { "AnswerId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AnswerRatings_ConversationId",
                table: "AnswerRatings",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_AnswerRatings_GroupId_Status",
                table: "AnswerRatings",
                columns: new[] { "GroupId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AnswerRatings_MemberId_ConversationId_CommentState",
                table: "AnswerRatings",
                columns: new[] { "MemberId", "ConversationId", "CommentState" });

            migrationBuilder.CreateIndex(
                name: "IX_GivenAnswers_ConversationId",
                table: "GivenAnswers",
                column: "ConversationId");

            migrationBuilder.CreateIndex(
                name: "IX_GivenAnswers_MemberId_ConversationId_At",
                table: "GivenAnswers",
                columns: new[] { "MemberId", "ConversationId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnswerRatings");

            migrationBuilder.DropTable(
                name: "GivenAnswers");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "QuestionGroup");
        }
    }
}
