using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Communaute.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Curation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "GroupId",
                table: "UnansweredQuestions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "QuestionGroup",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastAskedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnsweredByEntryId = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionGroup", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UnansweredQuestions_GroupId",
                table: "UnansweredQuestions",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionGroup_Status_LastAskedAt",
                table: "QuestionGroup",
                columns: new[] { "Status", "LastAskedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_UnansweredQuestions_QuestionGroup_GroupId",
                table: "UnansweredQuestions",
                column: "GroupId",
                principalTable: "QuestionGroup",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_UnansweredQuestions_QuestionGroup_GroupId",
                table: "UnansweredQuestions");

            migrationBuilder.DropTable(
                name: "QuestionGroup");

            migrationBuilder.DropIndex(
                name: "IX_UnansweredQuestions_GroupId",
                table: "UnansweredQuestions");

            migrationBuilder.DropColumn(
                name: "GroupId",
                table: "UnansweredQuestions");
        }
    }
}
