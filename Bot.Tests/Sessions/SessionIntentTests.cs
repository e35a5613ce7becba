using Communaute.Bot.Sessions.Features;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>
/// The sessions' buttons carry typed intents: a click runs the intent it carries, whatever text comes with it; an
/// intent from an older card is told so and changes nothing; the same words typed are read into the same records.
/// </summary>
public sealed class SessionIntentTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    private TestChat _facilitator = null!;

    public async Task InitializeAsync()
    {
        _host = await SessionsHost.StartAsync();
        _facilitator = new TestChat(_host, "facilitator", "Fanny Animatrice");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_click_carrying_BookSeat_books_the_seat_it_names_whatever_its_text_says()
    {
        var first = await _facilitator.CreateSessionAsync(_host, title: "Première");
        var second = await _facilitator.CreateSessionAsync(_host, title: "Seconde", date: "17/12/2026");
        var alice = new TestChat(_host, "alice", "Alice");

        (await alice.ClicksValue($"réserver {first}", null, IntentCodec.Encode(new BookSeat(second))))
            .Answers("votre place est réservée pour « Seconde »");
        Assert.Empty(await _host.BookingsAsync(first));
        Assert.Equal(BookingStatus.Confirmed, Assert.Single(await _host.BookingsAsync(second)).Status);
    }

    [Fact]
    public async Task A_click_with_only_its_intent_and_no_text_does_what_the_click_does()
    {
        var id = await _facilitator.CreateSessionAsync(_host);
        var alice = new TestChat(_host, "alice", "Alice");
        var reserver = (await alice.Says("sessions")).FindChoice("Réserver").Choice;
        Assert.NotNull(reserver.Action);

        (await alice.ClicksValue("", null, reserver.Action)).Answers("votre place est réservée");
        Assert.Single(await _host.BookingsAsync(id));
        var annuler = alice.Last!.FindChoice("Annuler").Choice;
        (await alice.ClicksValue("", null, annuler.Action)).Answers("est annulée");
        Assert.Equal(BookingStatus.Cancelled, Assert.Single(await _host.BookingsAsync(id)).Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    public async Task An_intent_of_another_version_gets_a_french_answer_and_changes_nothing(int version)
    {
        var id = await _facilitator.CreateSessionAsync(_host);
        var alice = new TestChat(_host, "alice", "Alice");
        var old = IntentCodec.Encode(new BookSeat(id)) with { Version = version };

        (await alice.ClicksValue($"réserver {id}", null, old)).Answers("Ce bouton vient d'une ancienne version", "rien n'a été fait");
        Assert.Empty(await _host.BookingsAsync(id));
    }

    [Fact]
    public async Task An_intent_whose_arguments_do_not_read_gets_a_french_answer_and_changes_nothing()
    {
        var id = await _facilitator.CreateSessionAsync(_host);
        var alice = new TestChat(_host, "alice", "Alice");
        var broken = new ChoiceAction(IntentCodec.AttributeOf(typeof(BookSeat)).Kind, new Dictionary<string, string> { ["sessionId"] = "douze" });

        (await alice.ClicksValue($"réserver {id}", null, broken)).Answers("Je n'arrive pas à lire ce bouton", "rien n'a été fait");
        Assert.Empty(await _host.BookingsAsync(id));
    }

    [Theory]
    [InlineData("réserver 12", typeof(BookSeat))]
    [InlineData("Inscris-moi à la session 12", typeof(BookSeat))]
    [InlineData("liste d'attente 12", typeof(JoinWaitlist))]
    [InlineData("annuler la réservation 12", typeof(CancelBooking))]
    [InlineData("être client 12", typeof(VolunteerAsClient))]
    [InlineData("accepter la place 12", typeof(AcceptSeatOffer))]
    [InlineData("sessions", typeof(ListSessions))]
    [InlineData("modifier la session 12", typeof(EditSession))]
    public void Typed_words_read_into_the_same_intent_records(string text, Type expected) =>
        Assert.IsType(expected, SessionCommands.Parse(text));

    [Fact]
    public void Every_session_intent_round_trips_through_the_codec()
    {
        object[] intents = [new BookSeat(12, "digest:3"), new VolunteerAsClient(4, "Un problème bien réel"), new ListSessions(2), new MoveSession(7, "jeudi 14h"), new NextGuideStep(3, 2)];
        foreach (var intent in intents)
            Assert.Equal(intent, IntentCodec.Decode(IntentCodec.Encode(intent), intent.GetType()).Intent);
    }
}
