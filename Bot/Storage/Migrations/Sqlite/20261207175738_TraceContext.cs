using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Communaute.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TraceContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "Outbox",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "Inbox",
                type: "TEXT",
                maxLength: 128,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "TraceParent",
                table: "Inbox");
        }
    }
}
