using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Communaute.Bot.Storage.Migrations.Postgres
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
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TraceParent",
                table: "Inbox",
                type: "character varying(128)",
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
