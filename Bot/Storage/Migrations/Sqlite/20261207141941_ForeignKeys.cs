using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Communaute.Bot.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows left without their member, session or digest (nothing stopped one before): removed before the keys.
            foreach (var sql in Communaute.Bot.Privacy.OrphanRows.SessionsDigestOutboxSql) migrationBuilder.Sql(sql);

            migrationBuilder.CreateIndex(
                name: "IX_SessionOffers_SessionId",
                table: "SessionOffers",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionAgenda_OfferId",
                table: "SessionAgenda",
                column: "OfferId");

            migrationBuilder.AddForeignKey(
                name: "FK_DigestAnswerProposals_Digests_DigestId",
                table: "DigestAnswerProposals",
                column: "DigestId",
                principalTable: "Digests",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_DigestAnswerProposals_Members_MemberId",
                table: "DigestAnswerProposals",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_DigestPostings_Digests_DigestId",
                table: "DigestPostings",
                column: "DigestId",
                principalTable: "Digests",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_Outbox_Members_MemberId",
                table: "Outbox",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_SessionAgenda_CoDevSessions_SessionId",
                table: "SessionAgenda",
                column: "SessionId",
                principalTable: "CoDevSessions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_SessionAgenda_SessionBookings_BookingId",
                table: "SessionAgenda",
                column: "BookingId",
                principalTable: "SessionBookings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_SessionAgenda_SessionOffers_OfferId",
                table: "SessionAgenda",
                column: "OfferId",
                principalTable: "SessionOffers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_SessionBookings_Members_MemberId",
                table: "SessionBookings",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_SessionOffers_CoDevSessions_SessionId",
                table: "SessionOffers",
                column: "SessionId",
                principalTable: "CoDevSessions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_SessionOffers_Members_MemberId",
                table: "SessionOffers",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_SessionOffers_SessionBookings_BookingId",
                table: "SessionOffers",
                column: "BookingId",
                principalTable: "SessionBookings",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_SessionPairs_CoDevSessions_SessionId",
                table: "SessionPairs",
                column: "SessionId",
                principalTable: "CoDevSessions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_SessionPairs_Members_MemberA",
                table: "SessionPairs",
                column: "MemberA",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_SessionPairs_Members_MemberB",
                table: "SessionPairs",
                column: "MemberB",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_SessionPosts_CoDevSessions_SessionId",
                table: "SessionPosts",
                column: "SessionId",
                principalTable: "CoDevSessions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_SessionProfiles_Members_MemberId",
                table: "SessionProfiles",
                column: "MemberId",
                principalTable: "Members",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_DigestAnswerProposals_Digests_DigestId",
                table: "DigestAnswerProposals");

            migrationBuilder.DropForeignKey(
                name: "FK_DigestAnswerProposals_Members_MemberId",
                table: "DigestAnswerProposals");

            migrationBuilder.DropForeignKey(
                name: "FK_DigestPostings_Digests_DigestId",
                table: "DigestPostings");

            migrationBuilder.DropForeignKey(
                name: "FK_Outbox_Members_MemberId",
                table: "Outbox");

            migrationBuilder.DropForeignKey(
                name: "FK_SessionAgenda_CoDevSessions_SessionId",
                table: "SessionAgenda");

            migrationBuilder.DropForeignKey(
                name: "FK_SessionAgenda_SessionBookings_BookingId",
                table: "SessionAgenda");

            migrationBuilder.DropForeignKey(
                name: "FK_SessionAgenda_SessionOffers_OfferId",
                table: "SessionAgenda");

            migrationBuilder.DropForeignKey(
                name: "FK_SessionBookings_Members_MemberId",
                table: "SessionBookings");

            migrationBuilder.DropForeignKey(
                name: "FK_SessionOffers_CoDevSessions_SessionId",
                table: "SessionOffers");

            migrationBuilder.DropForeignKey(
                name: "FK_SessionOffers_Members_MemberId",
                table: "SessionOffers");

            migrationBuilder.DropForeignKey(
                name: "FK_SessionOffers_SessionBookings_BookingId",
                table: "SessionOffers");

            migrationBuilder.DropForeignKey(
                name: "FK_SessionPairs_CoDevSessions_SessionId",
                table: "SessionPairs");

            migrationBuilder.DropForeignKey(
                name: "FK_SessionPairs_Members_MemberA",
                table: "SessionPairs");

            migrationBuilder.DropForeignKey(
                name: "FK_SessionPairs_Members_MemberB",
                table: "SessionPairs");

            migrationBuilder.DropForeignKey(
                name: "FK_SessionPosts_CoDevSessions_SessionId",
                table: "SessionPosts");

            migrationBuilder.DropForeignKey(
                name: "FK_SessionProfiles_Members_MemberId",
                table: "SessionProfiles");

            migrationBuilder.DropIndex(
                name: "IX_SessionOffers_SessionId",
                table: "SessionOffers");

            migrationBuilder.DropIndex(
                name: "IX_SessionAgenda_OfferId",
                table: "SessionAgenda");
        }
    }
}
