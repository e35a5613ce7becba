using System.Globalization;
using Communaute.Bot.Sessions.Rules;
using Communaute.Bot.Sessions.Storage;
using Communaute.Dialogs.Replies;
using NodaTime;
using Communaute.Dialogs.Intents;

namespace Communaute.Bot.Sessions.Features;

/// <summary>The facilitators' forms (cards with inputs; a modal on Slack), prefilled with what is known.</summary>
public static class FacilitatorForms
{
    public const string CreateValue = "créer la session";
    public const string SeriesValue = "créer la série";

    private static readonly IReadOnlyList<Choice> Durations =
        [new("1 h 30", "90"), new("2 h", "120"), new("2 h 30", "150"), new("3 h", "180")];

    private static readonly IReadOnlyList<Choice> HolidayChoices =
        [new("La garder (vous êtes prévenu)", "garder"), new("La sauter", "sauter"), new("La décaler d'une semaine", "decaler")];

    private static readonly IReadOnlyList<Choice> ClientCounts =
        [new("Aucun", "0"), new("1 client", "1"), new("2 clients", "2")];

    /// <summary>The values of an existing session, as its form shows them (times in the session's zone).</summary>
    public static Dictionary<string, string> ValuesOf(CoDevSession s)
    {
        var local = s.Start.InZone(SessionCards.ZoneOf(s)).LocalDateTime;
        return new Dictionary<string, string>
        {
            [SessionForm.Title] = s.Title,
            [SessionForm.Theme] = s.Theme ?? "",
            [SessionForm.Date] = FrenchDates.Numeric(local.Date),
            [SessionForm.Time] = FrenchDates.Time(local.TimeOfDay),
            [SessionForm.Duration] = s.DurationMinutes.ToString(CultureInfo.InvariantCulture),
            [SessionForm.Place] = s.Place ?? "",
            [SessionForm.CapacityMin] = s.CapacityMin.ToString(CultureInfo.InvariantCulture),
            [SessionForm.CapacityMax] = s.CapacityMax.ToString(CultureInfo.InvariantCulture),
            [SessionForm.Clients] = s.ClientSlots.ToString(CultureInfo.InvariantCulture),
            [SessionForm.BookingCloses] = s.BookingClosesHours.ToString(CultureInfo.InvariantCulture),
            [SessionForm.CancellationCloses] = s.CancellationClosesHours.ToString(CultureInfo.InvariantCulture),
            [SessionForm.Organisation] = s.Organisation ?? "",
            [SessionForm.Reminders] = s.Reminders.Replace(",", ", ", StringComparison.Ordinal),
        };
    }

    public static Reply Session(IReadOnlyDictionary<string, string>? values, DateTimeZone zone, string title, string submitLabel, string submitValue,
        IFacilitatorIntent submit, string? lead = null) =>
        Reply.Show(new Card
        {
            Title = title,
            Subtitle = lead ?? $"Heures en {ZoneNames.For(zone).TimeOf} : chaque membre verra l'heure de chez lui.",
            Inputs = [.. TitleInputs(values), .. WhenInputs(values, zone), .. DetailInputs(values)],
            SubmitLabel = submitLabel,
            SubmitValue = submitValue,
            SubmitAction = IntentCodec.Encode(submit),
            PromptId = "sessions-formulaire",
        });

    public static Reply Series(IReadOnlyDictionary<string, string>? values, DateTimeZone zone, string? lead = null) =>
        Reply.Show(new Card
        {
            Title = "Nouvelle série mensuelle",
            Subtitle = lead ?? $"Écrivez la règle comme vous la diriez ; heures en {ZoneNames.For(zone).TimeOf}.",
            Inputs =
            [
                new CardInput(SessionForm.Phrase, "Quand ? (par exemple « le 2e jeudi de chaque mois à 14h jusqu'au 30 juin 2027 »)")
                    { Required = true, MaxLength = SeriesPhrase.MaxLength, Value = Get(values, SessionForm.Phrase), Placeholder = "le 2e jeudi de chaque mois à 14h, 6 sessions" },
                new CardInput(SeriesPlan.ChoiceField, "Une date tombe un jour férié", InputKind.Choice) { Options = HolidayChoices, Value = Get(values, SeriesPlan.ChoiceField) ?? "garder" },
                .. TitleInputs(values), .. DetailInputs(values),
            ],
            SubmitLabel = "Créer la série",
            SubmitValue = SeriesValue,
            SubmitAction = IntentCodec.Encode(new CreateSeries()),
            PromptId = "sessions-serie",
        });

    /// <summary>What the sessions of a series to come share (each keeps its own date).</summary>
    public static Reply SeriesEdit(IReadOnlyDictionary<string, string>? values, string title, string submitValue, EditSeries submit) =>
        Reply.Show(new Card
        {
            Title = title,
            Subtitle = "Ces réglages s'appliquent à chaque session à venir de la série ; chacune garde sa date.",
            Inputs = [.. TitleInputs(values), .. DetailInputs(values)],
            SubmitLabel = "Enregistrer",
            SubmitValue = submitValue,
            SubmitAction = IntentCodec.Encode(submit),
            PromptId = "sessions-serie-modifier",
        });

    private static IEnumerable<CardInput> TitleInputs(IReadOnlyDictionary<string, string>? v) =>
    [
        new(SessionForm.Title, "Titre") { Required = true, MaxLength = SessionForm.MaxTitle, Value = Get(v, SessionForm.Title), Placeholder = "Co-développement des incubés" },
        new(SessionForm.Theme, "Thème (facultatif)") { MaxLength = SessionForm.MaxTheme, Value = Get(v, SessionForm.Theme) },
    ];

    private static IEnumerable<CardInput> WhenInputs(IReadOnlyDictionary<string, string>? v, DateTimeZone zone) =>
    [
        new(SessionForm.Date, "Date (jj/mm/aaaa)") { Required = true, MaxLength = 40, Value = Get(v, SessionForm.Date), Placeholder = "12/03/2027" },
        new(SessionForm.Time, $"Heure ({ZoneNames.For(zone).TimeOf})") { Required = true, MaxLength = 20, Value = Get(v, SessionForm.Time), Placeholder = "14h00" },
    ];

    private static IEnumerable<CardInput> DetailInputs(IReadOnlyDictionary<string, string>? v) =>
    [
        new(SessionForm.Duration, "Durée", InputKind.Choice) { Options = Durations, Value = Get(v, SessionForm.Duration) ?? SessionForm.DefaultDuration.ToString(CultureInfo.InvariantCulture) },
        new(SessionForm.Place, "Lieu ou lien de visioconférence") { MaxLength = SessionForm.MaxPlace, Value = Get(v, SessionForm.Place) },
        new(SessionForm.CapacityMin, "Participants au minimum", InputKind.Number) { Value = Get(v, SessionForm.CapacityMin) ?? SessionForm.DefaultCapacityMin.ToString(CultureInfo.InvariantCulture) },
        new(SessionForm.CapacityMax, "Participants au maximum", InputKind.Number) { Value = Get(v, SessionForm.CapacityMax) ?? SessionForm.DefaultCapacityMax.ToString(CultureInfo.InvariantCulture) },
        new(SessionForm.Clients, "Places de client", InputKind.Choice) { Options = ClientCounts, Value = Get(v, SessionForm.Clients) ?? SessionForm.DefaultClients.ToString(CultureInfo.InvariantCulture) },
        new(SessionForm.BookingCloses, "Fin des inscriptions (heures avant)", InputKind.Number) { Value = Get(v, SessionForm.BookingCloses) ?? SessionForm.DefaultBookingCloses.ToString(CultureInfo.InvariantCulture) },
        new(SessionForm.CancellationCloses, "Annulation possible jusqu'à (heures avant)", InputKind.Number) { Value = Get(v, SessionForm.CancellationCloses) ?? SessionForm.DefaultCancellationCloses.ToString(CultureInfo.InvariantCulture) },
        new(SessionForm.Organisation, "Structure organisatrice (facultatif)") { MaxLength = SessionForm.MaxOrganisation, Value = Get(v, SessionForm.Organisation) },
        new(SessionForm.Reminders, "Rappels (J-2 = deux jours avant, H-1 = une heure avant)") { MaxLength = 40, Value = Get(v, SessionForm.Reminders) ?? "J-2, H-1" },
    ];

    private static string? Get(IReadOnlyDictionary<string, string>? values, string key) =>
        values is not null && values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? (v.Length > 500 ? v[..500] : v) : null;
}
