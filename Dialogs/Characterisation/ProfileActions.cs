using Communaute.Dialogs.Replies;

namespace Communaute.Dialogs.Characterisation;

/// <summary>The buttons under a profile and a pitch; their labels typed are recognised as their values are.</summary>
public static class ProfileActions
{
    public static readonly Choice Pitch = new("Préparer mon pitch", "préparer mon pitch", ChoiceStyle.Primary);
    public static readonly Choice Export = new("Exporter (PDF, Markdown)", "exporter mon profil");
    public static readonly Choice Share = new("Partager avec les animateurs", "partager mon profil");
}
