using Communaute.Bot.Storage.Quartz;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Communaute.Bot.Storage.Migrations.Postgres
{
    /// <summary>Quartz's job store tables (hand-written: not derived from the model, kept when model migrations are regenerated).</summary>
    [DbContext(typeof(PostgresBotDbContext))]
    [Migration("20261130090000_QuartzTables")]
    public partial class QuartzTables : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder) => QuartzSchema.Create(migrationBuilder, QuartzSchema.PostgresScript);

        protected override void Down(MigrationBuilder migrationBuilder) => QuartzSchema.Drop(migrationBuilder);
    }
}
