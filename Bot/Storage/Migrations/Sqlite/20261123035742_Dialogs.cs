using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Communaute.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Dialogs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Characterisations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    GridVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    KeyAnswersJson = table.Column<string>(type: "TEXT", nullable: false),
                    LevelsJson = table.Column<string>(type: "TEXT", nullable: false),
                    NotesJson = table.Column<string>(type: "TEXT", nullable: false),
                    ChartMediaId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Pitch = table.Column<string>(type: "TEXT", nullable: true),
                    SharedWithFacilitators = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Characterisations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DialogStates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    ConversationId = table.Column<long>(type: "INTEGER", nullable: false),
                    DialogId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StateJson = table.Column<string>(type: "TEXT", nullable: false),
                    Revision = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DialogStates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MediaFiles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Extension = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MediaFiles", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Characterisations_CompletedAt",
                table: "Characterisations",
                column: "CompletedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Characterisations_MemberId_CompletedAt",
                table: "Characterisations",
                columns: new[] { "MemberId", "CompletedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DialogStates_MemberId_ConversationId",
                table: "DialogStates",
                columns: new[] { "MemberId", "ConversationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MediaFiles_MemberId",
                table: "MediaFiles",
                column: "MemberId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Characterisations");

            migrationBuilder.DropTable(
                name: "DialogStates");

            migrationBuilder.DropTable(
                name: "MediaFiles");
        }
    }
}
