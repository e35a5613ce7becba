using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Communaute.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WebChatTranscript : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WebChatOutbox");

            migrationBuilder.CreateTable(
                name: "WebChatMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    From = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PayloadJson = table.Column<string>(type: "TEXT", nullable: false),
                    ClientMessageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReplyToId = table.Column<long>(type: "INTEGER", nullable: true),
                    AsksQuestion = table.Column<bool>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebChatMessages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebChatSessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSeenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebChatSessions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WebChatMessages_ConversationId_ClientMessageId",
                table: "WebChatMessages",
                columns: new[] { "ConversationId", "ClientMessageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebChatMessages_ConversationId_Id",
                table: "WebChatMessages",
                columns: new[] { "ConversationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WebChatMessages_ConversationId_UpdatedAt",
                table: "WebChatMessages",
                columns: new[] { "ConversationId", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WebChatSessions_TokenHash",
                table: "WebChatSessions",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebChatSessions_UserId",
                table: "WebChatSessions",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WebChatMessages");

            migrationBuilder.DropTable(
                name: "WebChatSessions");

            migrationBuilder.CreateTable(
                name: "WebChatOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PayloadJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebChatOutbox", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WebChatOutbox_ConversationId_Id",
                table: "WebChatOutbox",
                columns: new[] { "ConversationId", "Id" });
        }
    }
}
