using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Communaute.Bot.Storage.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    GridVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StartedAt = table.Column<long>(type: "bigint", nullable: false),
                    CompletedAt = table.Column<long>(type: "bigint", nullable: false),
                    KeyAnswersJson = table.Column<string>(type: "text", nullable: false),
                    LevelsJson = table.Column<string>(type: "text", nullable: false),
                    NotesJson = table.Column<string>(type: "text", nullable: false),
                    ChartMediaId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Pitch = table.Column<string>(type: "text", nullable: true),
                    SharedWithFacilitators = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Characterisations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DialogStates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    ConversationId = table.Column<long>(type: "bigint", nullable: false),
                    DialogId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StateJson = table.Column<string>(type: "text", nullable: false),
                    Revision = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DialogStates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MediaFiles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Extension = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
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
