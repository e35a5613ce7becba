using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Communaute.Bot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Directory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DirectoryBlocks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    BlockedMemberId = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryBlocks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectoryBlocks_Members_BlockedMemberId",
                        column: x => x.BlockedMemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DirectoryBlocks_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DirectorySearches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<long>(type: "bigint", nullable: true),
                    Text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Results = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectorySearches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectorySearches_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ExperienceCards",
                columns: table => new
                {
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    HelpsWith = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    LooksFor = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Region = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Territory = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Contact = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ConsentedAt = table.Column<long>(type: "bigint", nullable: true),
                    PublishedAt = table.Column<long>(type: "bigint", nullable: true),
                    PausedUntil = table.Column<long>(type: "bigint", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExperienceCards", x => x.MemberId);
                    table.ForeignKey(
                        name: "FK_ExperienceCards_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntroductionRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AskerId = table.Column<long>(type: "bigint", nullable: false),
                    PeerId = table.Column<long>(type: "bigint", nullable: false),
                    Topic = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PendingPair = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    DecidedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntroductionRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntroductionRequests_Members_AskerId",
                        column: x => x.AskerId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_IntroductionRequests_Members_PeerId",
                        column: x => x.PeerId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryBlocks_BlockedMemberId",
                table: "DirectoryBlocks",
                column: "BlockedMemberId");

            migrationBuilder.CreateIndex(
                name: "IX_DirectoryBlocks_MemberId_BlockedMemberId",
                table: "DirectoryBlocks",
                columns: new[] { "MemberId", "BlockedMemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DirectorySearches_At",
                table: "DirectorySearches",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_DirectorySearches_MemberId",
                table: "DirectorySearches",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_ExperienceCards_Status_PublishedAt",
                table: "ExperienceCards",
                columns: new[] { "Status", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IntroductionRequests_AskerId_CreatedAt",
                table: "IntroductionRequests",
                columns: new[] { "AskerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IntroductionRequests_PeerId_CreatedAt",
                table: "IntroductionRequests",
                columns: new[] { "PeerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IntroductionRequests_PendingPair",
                table: "IntroductionRequests",
                column: "PendingPair",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IntroductionRequests_Status_CreatedAt",
                table: "IntroductionRequests",
                columns: new[] { "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DirectoryBlocks");

            migrationBuilder.DropTable(
                name: "DirectorySearches");

            migrationBuilder.DropTable(
                name: "ExperienceCards");

            migrationBuilder.DropTable(
                name: "IntroductionRequests");
        }
    }
}
