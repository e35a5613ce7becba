using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Communaute.Bot.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Sessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CoDevSessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SeriesId = table.Column<long>(type: "bigint", nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Theme = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Start = table.Column<long>(type: "bigint", nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    Place = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CapacityMin = table.Column<int>(type: "integer", nullable: false),
                    CapacityMax = table.Column<int>(type: "integer", nullable: false),
                    ClientSlots = table.Column<int>(type: "integer", nullable: false),
                    FacilitatorMemberId = table.Column<long>(type: "bigint", nullable: true),
                    FacilitatorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    BookingClosesHours = table.Column<int>(type: "integer", nullable: false),
                    CancellationClosesHours = table.Column<int>(type: "integer", nullable: false),
                    ZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Reminders = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Taken = table.Column<int>(type: "integer", nullable: false),
                    ClientsTaken = table.Column<int>(type: "integer", nullable: false),
                    SeatsVersion = table.Column<int>(type: "integer", nullable: false),
                    ScheduleVersion = table.Column<int>(type: "integer", nullable: false),
                    GuideStep = table.Column<int>(type: "integer", nullable: false),
                    ConversationId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    CancelledAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoDevSessions", x => x.Id);
                    table.CheckConstraint("CK_CoDevSessions_Clients", "\"ClientsTaken\" >= 0 AND \"ClientsTaken\" <= \"ClientSlots\"");
                    table.CheckConstraint("CK_CoDevSessions_Taken", "\"Taken\" >= 0 AND \"Taken\" <= \"CapacityMax\"");
                });

            migrationBuilder.CreateTable(
                name: "SessionAgenda",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SessionId = table.Column<long>(type: "bigint", nullable: false),
                    BookingId = table.Column<long>(type: "bigint", nullable: true),
                    OfferId = table.Column<long>(type: "bigint", nullable: true),
                    Label = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    DueAt = table.Column<long>(type: "bigint", nullable: false),
                    DoneAt = table.Column<long>(type: "bigint", nullable: true),
                    Key = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionAgenda", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SessionOffers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BookingId = table.Column<long>(type: "bigint", nullable: false),
                    SessionId = table.Column<long>(type: "bigint", nullable: false),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    OfferNo = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    OfferedAt = table.Column<long>(type: "bigint", nullable: false),
                    ExpiresAt = table.Column<long>(type: "bigint", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DecidedAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionOffers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SessionPairs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberA = table.Column<long>(type: "bigint", nullable: false),
                    MemberB = table.Column<long>(type: "bigint", nullable: false),
                    SessionId = table.Column<long>(type: "bigint", nullable: false),
                    MetAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionPairs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SessionPosts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<long>(type: "bigint", nullable: false),
                    ConversationId = table.Column<long>(type: "bigint", nullable: false),
                    SentKey = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    PostedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionPosts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SessionProfiles",
                columns: table => new
                {
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PausedUntil = table.Column<long>(type: "bigint", nullable: true),
                    LockVersion = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionProfiles", x => x.MemberId);
                });

            migrationBuilder.CreateTable(
                name: "SessionSecrets",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionSecrets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SessionSeries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Phrase = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    MinuteOfDay = table.Column<int>(type: "integer", nullable: false),
                    ZoneId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: true),
                    Count = table.Column<int>(type: "integer", nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FacilitatorMemberId = table.Column<long>(type: "bigint", nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionSeries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SessionBookings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SessionId = table.Column<long>(type: "bigint", nullable: false),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Problem = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Source = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    BookedAt = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<long>(type: "bigint", nullable: false),
                    WaitlistedAt = table.Column<long>(type: "bigint", nullable: true),
                    OfferExpiresAt = table.Column<long>(type: "bigint", nullable: true),
                    OfferCount = table.Column<int>(type: "integer", nullable: false),
                    CalendarSequence = table.Column<int>(type: "integer", nullable: false),
                    Attended = table.Column<bool>(type: "boolean", nullable: true),
                    ActionPlan = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Feedback = table.Column<int>(type: "integer", nullable: true),
                    CancelReason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionBookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionBookings_CoDevSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "CoDevSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CoDevSessions_SeriesId",
                table: "CoDevSessions",
                column: "SeriesId");

            migrationBuilder.CreateIndex(
                name: "IX_CoDevSessions_Status_Start",
                table: "CoDevSessions",
                columns: new[] { "Status", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionAgenda_BookingId",
                table: "SessionAgenda",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionAgenda_DoneAt_DueAt",
                table: "SessionAgenda",
                columns: new[] { "DoneAt", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionAgenda_Key",
                table: "SessionAgenda",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionAgenda_SessionId",
                table: "SessionAgenda",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionBookings_MemberId_Status",
                table: "SessionBookings",
                columns: new[] { "MemberId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionBookings_SessionId_MemberId",
                table: "SessionBookings",
                columns: new[] { "SessionId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionBookings_SessionId_Status_WaitlistedAt",
                table: "SessionBookings",
                columns: new[] { "SessionId", "Status", "WaitlistedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionBookings_Source_BookedAt",
                table: "SessionBookings",
                columns: new[] { "Source", "BookedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionOffers_BookingId_OfferNo",
                table: "SessionOffers",
                columns: new[] { "BookingId", "OfferNo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionOffers_MemberId",
                table: "SessionOffers",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionPairs_MemberA_MemberB_SessionId",
                table: "SessionPairs",
                columns: new[] { "MemberA", "MemberB", "SessionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionPairs_MemberB",
                table: "SessionPairs",
                column: "MemberB");

            migrationBuilder.CreateIndex(
                name: "IX_SessionPairs_SessionId",
                table: "SessionPairs",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionPosts_SessionId_ConversationId",
                table: "SessionPosts",
                columns: new[] { "SessionId", "ConversationId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SessionAgenda");

            migrationBuilder.DropTable(
                name: "SessionBookings");

            migrationBuilder.DropTable(
                name: "SessionOffers");

            migrationBuilder.DropTable(
                name: "SessionPairs");

            migrationBuilder.DropTable(
                name: "SessionPosts");

            migrationBuilder.DropTable(
                name: "SessionProfiles");

            migrationBuilder.DropTable(
                name: "SessionSecrets");

            migrationBuilder.DropTable(
                name: "SessionSeries");

            migrationBuilder.DropTable(
                name: "CoDevSessions");
        }
    }
}
