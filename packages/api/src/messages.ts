import type { Locale } from "@reeks/models";

/**
 * Every message the server itself writes for people, in both languages (the web app translates
 * everything else). Services name a key; the error formatter, the HTTP handlers and the CLI pick the
 * language.
 */
/** A message, or one per plural form of the parameter named by `count` ("1 minuut", "5 minuten"). */
type Message = Record<Locale, string> | ({ count: string } & Record<Locale, { one: string; other: string }>);

const MESSAGES = {
  rateLimited: {
    count: "minutes",
    nl: {
      one: "Te veel pogingen. Wacht {minutes} minuut en probeer het dan opnieuw.",
      other: "Te veel pogingen. Wacht {minutes} minuten en probeer het dan opnieuw.",
    },
    en: {
      one: "Too many attempts. Please wait {minutes} minute and try again.",
      other: "Too many attempts. Please wait {minutes} minutes and try again.",
    },
  },
  crossSite: {
    nl: "Dit verzoek kwam niet van Reeks zelf en is geweigerd.",
    en: "This request did not come from Reeks itself and was refused.",
  },
  batchTooLarge: {
    nl: "Te veel aanroepen in één verzoek (hoogstens {max}).",
    en: "Too many calls in one request (at most {max}).",
  },
  urlTooLong: {
    nl: "Het adres van dit verzoek is te lang (hoogstens {max} tekens).",
    en: "The address of this request is too long (at most {max} characters).",
  },
  bodyTooLarge: {
    nl: "Dit verzoek is te groot (hoogstens {max} kB).",
    en: "This request is too large (at most {max} kB).",
  },
  apiRateLimited: {
    count: "seconds",
    nl: {
      one: "Te veel verzoeken. Wacht {seconds} seconde en probeer het dan opnieuw.",
      other: "Te veel verzoeken. Wacht {seconds} seconden en probeer het dan opnieuw.",
    },
    en: {
      one: "Too many requests. Please wait {seconds} second and try again.",
      other: "Too many requests. Please wait {seconds} seconds and try again.",
    },
  },
  busy: {
    nl: "Reeks is even te druk. Probeer het over enkele seconden opnieuw.",
    en: "Reeks is too busy right now. Please try again in a few seconds.",
  },
  seriesFull: {
    nl: "De reeks is vol ({capacity} plaatsen). Zet de aanmelding op de wachtlijst of verhoog de capaciteit.",
    en: "The series is full ({capacity} places). Put the registration on the waiting list or raise the capacity.",
  },
  notConfirmed: {
    nl: "Deze persoon heeft het e-mailadres nog niet bevestigd.",
    en: "This person has not confirmed their e-mail address yet.",
  },
  notConfirmedNamed: {
    nl: "{name} heeft het e-mailadres nog niet bevestigd; er is niemand goedgekeurd.",
    en: "{name} has not confirmed their e-mail address yet; nobody was approved.",
  },
  messageNoSlots: {
    nl: "Er zijn nog geen momenten voorgesteld; voeg eerst data toe in de planning.",
    en: "No times have been proposed yet; add dates in the planning first.",
  },
  messageNoRecipients: {
    nl: "Dit bericht heeft geen ontvangers; er is niets verstuurd.",
    en: "This message has no recipients; nothing was sent.",
  },
  nothingSelected: {
    nl: "Kies eerst een of meer aanmeldingen.",
    en: "Choose one or more registrations first.",
  },
  notYourself: {
    nl: "Je kunt je eigen rol of aanmelding niet wijzigen; vraag een andere organisator.",
    en: "You cannot change your own role or registration; ask another organiser.",
  },
  notFound: { nl: "Niet gevonden.", en: "Not found." },
  // Certificates of attendance.
  certificateNotFound: {
    nl: "Dit bewijs van deelname bestaat niet (of is niet van jou).",
    en: "This certificate of attendance does not exist (or is not yours).",
  },
  certificateRevoked: {
    nl: "Dit bewijs van deelname is ingetrokken en kan niet meer worden gedownload.",
    en: "This certificate of attendance has been revoked and can no longer be downloaded.",
  },
  certificateSessionNotEnded: {
    nl: "Een bewijs van deelname kan pas worden uitgegeven als de sessie is afgelopen.",
    en: "A certificate of attendance can only be issued once the session has ended.",
  },
  certificateSeriesNotFinished: {
    nl: "Een bewijs van deelname voor de hele reeks kan pas worden uitgegeven als alle sessies zijn afgelopen.",
    en: "A certificate for the whole series can only be issued once every session has ended.",
  },
  verifyRateLimited: {
    nl: "Te veel controles vanaf dit adres. Probeer het over een minuut opnieuw.",
    en: "Too many checks from this address. Please try again in a minute.",
  },
  accountErased: {
    nl: "Dit account is verwijderd; er valt niets meer aan te wijzigen.",
    en: "This account was deleted; there is nothing left to change.",
  },
  databaseUnavailable: {
    nl: "Reeks kan de database nu niet bereiken. Probeer het over een minuut opnieuw.",
    en: "Reeks cannot reach its database right now. Please try again in a minute.",
  },
  chatMessageNotFound: {
    nl: "Dat chatbericht bestaat niet (meer) in deze sessie.",
    en: "That chat message does not exist (any more) in this session.",
  },
  removedFromSession: {
    nl: "Je bent uit deze sessie verwijderd.",
    en: "You were removed from this session.",
  },
  notInRoom: {
    nl: "Deze deelnemer is nu niet in de ruimte.",
    en: "This participant is not in the room right now.",
  },
  trackNotFound: {
    nl: "Deze deelnemer zendt dat beeld of geluid niet (meer) uit.",
    en: "This participant is not (or no longer) publishing that track.",
  },
  mediaUnavailable: {
    nl: "De mediaserver reageert nu niet. Probeer het zo opnieuw.",
    en: "The media server is not responding right now. Please try again shortly.",
  },
  // Rooms.
  sessionEnded: { nl: "Deze sessie is afgelopen.", en: "This session has ended." },
  startEarly: {
    nl: "Deze sessie staat pas later gepland. Bevestig dat je haar nu toch wilt starten.",
    en: "This session is planned for later. Confirm that you want to start it now anyway.",
  },
  startLate: {
    nl: "Deze sessie stond op een eerdere dag gepland. Bevestig dat je haar nu toch wilt starten.",
    en: "This session was planned for an earlier day. Confirm that you want to start it now anyway.",
  },
  roomNotOpen: { nl: "De ruimte is nog niet geopend.", en: "The room is not open yet." },
  participantRemoved: {
    nl: "Deze deelnemer is uit de sessie verwijderd.",
    en: "This participant was removed from the session.",
  },
  moderatorNotRemovable: {
    nl: "Moderatoren kunnen niet uit de ruimte worden verwijderd.",
    en: "Moderators cannot be removed from the room.",
  },
  internalError: {
    nl: "Er ging iets mis aan onze kant. Noem code {id} als je het meldt.",
    en: "Something went wrong on our side. Mention code {id} when you report it.",
  },
  badCharacters: {
    nl: "Bevat tekens die niet zijn toegestaan (zoals een NUL-teken of een half Unicode-teken).",
    en: "Contains characters that are not allowed (such as a NUL character or half a Unicode character).",
  },
  outOfRange: { nl: "Dit nummer is te groot.", en: "This number is too large." },
  tooDeep: { nl: "Deze invoer is te diep genest.", en: "This input is nested too deeply." },
  participantNotFound: {
    nl: "Deze deelnemer hoort niet bij deze reeks.",
    en: "This participant is not part of this series.",
  },
  seriesNotFound: { nl: "Deze reeks bestaat niet.", en: "This series does not exist." },
  mailUnavailable: {
    nl: "E-mail kan nu niet worden verstuurd. Probeer het later opnieuw.",
    en: "E-mail cannot be sent right now. Please try again later.",
  },
  // Our own zod refinements (`.refine(fn, { params: { i18n: key } })`), which zod's locales cannot know.
  consentRequired: {
    nl: "Geef toestemming om je aan te kunnen melden.",
    en: "Give your consent to be able to register.",
  },
  noMarkup: {
    nl: "Mag geen < of > of onzichtbare tekens bevatten.",
    en: "Must not contain < or > or invisible characters.",
  },
  // Scheduling.
  invalidDate: { nl: "Ongeldige datum", en: "Invalid date" },
  deadlineInPast: {
    nl: "De deadline moet in de toekomst liggen",
    en: "The deadline must be in the future",
  },
  requiredNotParticipant: {
    nl: "Alleen goedgekeurde deelnemers van deze reeks kunnen verplicht zijn",
    en: "Only approved participants of this series can be required",
  },
  unknownSession: { nl: "Onbekende sessie", en: "Unknown session" },
  timeNonexistentOrAmbiguous: {
    nl: "Deze tijd bestaat niet of komt twee keer voor door de overgang naar zomer- of wintertijd",
    en: "This time does not exist or occurs twice because of the daylight-saving change",
  },
  endBeforeStart: { nl: "Het einde moet na het begin liggen", en: "The end must be after the start" },
  invalidDateTime: { nl: "Ongeldige datum of tijd", en: "Invalid date or time" },
  slotsNotInSeries: {
    nl: "Een of meer tijdsloten horen niet bij deze reeks",
    en: "One or more slots do not belong to this series",
  },
  oneSlotPerSession: {
    nl: "Kies precies één tijdslot voor elke sessie",
    en: "Choose exactly one slot for every session",
  },
  sessionsInOrder: {
    nl: "De sessies moeten in volgorde plaatsvinden",
    en: "The sessions must take place in order",
  },
  pollClosed: { nl: "De peiling is gesloten.", en: "The poll is closed." },
  onlyScheduledCancel: {
    nl: "Alleen een geplande sessie kan worden geannuleerd.",
    en: "Only a scheduled session can be cancelled.",
  },
  // Capture: outcomes, questions, polls, notes, agenda input and action review.
  textEmpty: {
    nl: "De tekst is leeg zodra de tekens die niet zijn toegestaan eruit zijn.",
    en: "The text is empty once the characters that are not allowed are removed.",
  },
  themeNotFound: { nl: "Dit thema hoort niet bij deze reeks.", en: "This theme is not part of this series." },
  outcomeNotFound: {
    nl: "Dit item bestaat niet (meer) in deze sessie.",
    en: "This item does not exist (any more) in this session.",
  },
  questionNotFound: {
    nl: "Deze vraag bestaat niet in deze sessie.",
    en: "This question does not exist in this session.",
  },
  pollNotFound: {
    nl: "Deze peiling bestaat niet in deze sessie.",
    en: "This poll does not exist in this session.",
  },
  seedNotFound: { nl: "Deze agenda-inbreng bestaat niet.", en: "This agenda input does not exist." },
  actionNotFound: {
    nl: "Deze actie bestaat niet in deze sessie of kan niet meer worden beoordeeld.",
    en: "This action does not exist in this session or can no longer be reviewed.",
  },
  reviewNotFound: { nl: "Deze beoordeling bestaat niet.", en: "This review does not exist." },
  onlyActionsHaveOwner: {
    nl: "Alleen een actie heeft een eigenaar en een deadline.",
    en: "Only an action has an owner and a due date.",
  },
  mergedNotEditable: {
    nl: "Een samengevoegd item kan niet worden bewerkt; bewerk het item waarin het is opgegaan.",
    en: "A merged item cannot be edited; edit the item it was merged into.",
  },
  mergedKeepsStatus: {
    nl: "Een samengevoegd item houdt zijn status.",
    en: "A merged item keeps its status.",
  },
  mergeIntoItself: {
    nl: "Een item kan niet met zichzelf worden samengevoegd.",
    en: "An item cannot be merged into itself.",
  },
  alreadyMerged: {
    nl: "Een van deze items is al samengevoegd.",
    en: "One of these items has already been merged.",
  },
  linkToItself: {
    nl: "Een item kan niet aan zichzelf worden gekoppeld.",
    en: "An item cannot be linked to itself.",
  },
  linkMergedItem: {
    nl: "Dit item is samengevoegd; koppel het item waarin het is opgegaan.",
    en: "This item was merged; link the item it was merged into.",
  },
  changedMeanwhile: {
    nl: "Iemand anders heeft dit intussen gewijzigd. Je ziet nu hun versie.",
    en: "Someone else changed this in the meantime. You now see their version.",
  },
  choiceTwice: { nl: "Een keuze komt twee keer voor.", en: "A choice appears twice." },
  pickScaleValue: { nl: "Kies één waarde van 1 tot en met 5.", en: "Pick one value from 1 to 5." },
  noSuchOption: { nl: "Deze optie bestaat niet.", en: "There is no such option." },
  pickOneOption: { nl: "Kies precies één optie.", en: "Pick exactly one option." },
  pollNotOpen: { nl: "De peiling is niet open.", en: "The poll is not open." },
  agendaInputClosed: {
    nl: "Inbreng voor de agenda sluit zodra de sessie begint.",
    en: "Agenda input closes when the session starts.",
  },
  reviewClosed: {
    nl: "De beoordeling van deze acties is gesloten.",
    en: "The review of these actions is closed.",
  },
  notesWriteForbidden: {
    nl: "Alleen moderatoren en notulisten schrijven de notities.",
    en: "Only moderators and note-takers write the notes.",
  },
  notesLiftForbidden: {
    nl: "Alleen moderatoren en notulisten maken van een passage een item.",
    en: "Only moderators and note-takers turn a passage into an item.",
  },
  captureGroupNotFound: {
    nl: "Deze groep bestaat niet (meer) in deze sessie.",
    en: "This group does not exist (any more) in this session.",
  },
  groupCaptureForbidden: {
    nl: "Alleen de deelnemers van deze groep en de moderatoren leggen items vast in de groep.",
    en: "Only the participants of this group and the moderators capture items in the group.",
  },
  groupNotesForbidden: {
    nl: "Alleen de deelnemers van deze groep en de moderatoren lezen en schrijven de groepsnotities.",
    en: "Only the participants of this group and the moderators read and write the group notes.",
  },
  groupShareForbidden: {
    nl: "Alleen de rapporteur van de groep of een moderator deelt de items van de groep met de sessie.",
    en: "Only the group's rapporteur or a moderator shares the group's items with the session.",
  },
  notesUpdateInvalid: {
    nl: "Deze wijziging van de notities is onleesbaar.",
    en: "This change to the notes cannot be read.",
  },
  notesFull: { nl: "De notities van deze sessie zijn vol.", en: "The notes of this session are full." },
  notesPositionInvalid: {
    nl: "Deze plek bestaat niet in de notities.",
    en: "This is not a position in the notes.",
  },
  setupLinkInvalid: {
    nl: "Deze instellink werkt niet (meer). Start Reeks opnieuw voor een nieuwe, zolang niemand beheerder is.",
    en: "This setup link does not work (any more). Restart Reeks for a new one while nobody administers it.",
  },
  setupLinkExpired: {
    nl: "Deze instellink is verlopen. Start Reeks opnieuw voor een nieuwe.",
    en: "This setup link has expired. Restart Reeks for a new one.",
  },
  setupAlreadyDone: {
    nl: "Reeks heeft al een beheerder. Vraag die om je rechten te geven.",
    en: "Reeks already has an administrator. Ask them to give you access.",
  },
  // Authoring: administrators and organisers making series.
  slugTaken: {
    nl: "Dit webadres is al in gebruik; kies een ander.",
    en: "This web address is already taken; choose another one.",
  },
  slugFixed: {
    nl: "Het webadres kan alleen worden gewijzigd zolang de reeks een concept is.",
    en: "The web address can only be changed while the series is a draft.",
  },
  noControlCharacters: {
    nl: "Mag geen onzichtbare stuurtekens bevatten.",
    en: "Must not contain invisible control characters.",
  },
  unknownTimeZone: { nl: "Onbekende tijdzone.", en: "Unknown time zone." },
  seriesArchived: {
    nl: "Deze reeks is gearchiveerd en kan niet meer worden gewijzigd.",
    en: "This series is archived and can no longer be changed.",
  },
  seriesIncomplete: {
    nl: "De reeks is nog niet compleet: {count} onderdelen ontbreken.",
    en: "The series is not complete yet: {count} items are missing.",
  },
  wrongSeriesStatus: {
    nl: "Dit kan niet in de huidige fase van de reeks ({status}).",
    en: "This is not possible in the series' current stage ({status}).",
  },
  onlyDraftDeleted: {
    nl: "Alleen een concept kan worden verwijderd; archiveer een gepubliceerde reeks.",
    en: "Only a draft can be deleted; archive a published series instead.",
  },
  tooManyThemes: { nl: "Hoogstens {max} thema's.", en: "At most {max} themes." },
  tooManySessions: {
    nl: "Hoogstens {max} sessies per thema.",
    en: "At most {max} sessions per theme.",
  },
  sessionNotInSeries: {
    nl: "Deze sessie hoort niet bij deze reeks.",
    en: "This session is not part of this series.",
  },
  sessionNotDraft: {
    nl: "Alleen een sessie die nog niet gepland is kan naar een ander thema of worden verwijderd.",
    en: "Only a session that is not scheduled yet can move to another theme or be removed.",
  },
  lastSessionOfTheme: {
    nl: "Een thema houdt minstens één sessie; verwijder anders het thema.",
    en: "A theme keeps at least one session; remove the theme instead.",
  },
  themeHasScheduledSessions: {
    nl: "Dit thema heeft geplande sessies en kan niet worden verwijderd.",
    en: "This theme has scheduled sessions and cannot be removed.",
  },
  cannotMoveFurther: {
    nl: "Dit thema staat al aan het begin of eind.",
    en: "This theme is already at the start or the end.",
  },
  sessionNotReschedulable: {
    nl: "Deze sessie is al begonnen, afgelopen of geannuleerd.",
    en: "This session has started, ended or been cancelled.",
  },
  dateInPast: { nl: "Kies een moment in de toekomst.", en: "Choose a moment in the future." },
  lowContrast: {
    nl: "Deze kleur is niet goed leesbaar (contrast {ratio}:1, minstens 4.5:1 nodig tegen wit en tegen de tekstkleur).",
    en: "This colour is not readable enough (contrast {ratio}:1, at least 4.5:1 needed against white and the text colour).",
  },
  logoTooLarge: {
    nl: "Het logo is te groot (hoogstens {max} kB).",
    en: "The logo is too large (at most {max} kB).",
  },
  logoWrongType: {
    nl: "Het logo moet een PNG- of SVG-bestand zijn.",
    en: "The logo must be a PNG or SVG file.",
  },
  logoUnreadable: {
    nl: "Dit logo kan niet worden gelezen.",
    en: "This logo cannot be read.",
  },
  alreadyOrganiser: {
    nl: "Deze persoon is al organisator van deze reeks.",
    en: "This person is already an organiser of this series.",
  },
  lastOrganiser: {
    nl: "Een reeks houdt minstens één organisator.",
    en: "A series keeps at least one organiser.",
  },
  registrationClosed: {
    nl: "De aanmelding voor deze reeks is gesloten.",
    en: "Registration for this series is closed.",
  },
  registrationDeadlinePassed: {
    nl: "De aanmelding voor deze reeks is gesloten sinds {date}.",
    en: "Registration for this series closed on {date}.",
  },
  registrationFull: {
    nl: "De reeks is vol en heeft geen wachtlijst. Aanmelden kan niet meer.",
    en: "The series is full and has no waiting list. You can no longer register.",
  },
  answerRequired: { nl: "Beantwoord deze vraag.", en: "Answer this question." },
  unknownChoice: { nl: "Kies een van de opties.", en: "Pick one of the options." },
  duplicateQuestionId: {
    nl: "Twee vragen hebben hetzelfde kenmerk.",
    en: "Two questions have the same identifier.",
  },
  choicesNeeded: {
    nl: "Een keuzevraag heeft minstens twee opties.",
    en: "A choice question has at least two options.",
  },
  breakoutRoundNotFound: {
    nl: "Deze ronde van groepsgesprekken bestaat niet (meer) in deze sessie.",
    en: "This round of breakout groups does not exist (any more) in this session.",
  },
  breakoutGroupNotFound: {
    nl: "Deze groep bestaat niet (meer) in deze ronde.",
    en: "This group does not exist (any more) in this round.",
  },
  breakoutRoundExists: {
    nl: "Er is al een ronde van groepsgesprekken gepland of bezig. Pas die aan of sluit hem eerst.",
    en: "A round of breakout groups is already planned or running. Edit it or close it first.",
  },
  agendaSessionOver: {
    nl: "Deze sessie is afgelopen of geannuleerd; de agenda blijft zoals hij is verlopen.",
    en: "This session has ended or was cancelled; the agenda stays as it ran.",
  },
  agendaSessionNotLive: {
    nl: "De timer kan pas lopen als de sessie bezig is.",
    en: "The timer can only run while the session is live.",
  },
  agendaSpeakerNotFound: {
    nl: "Deze spreker is geen deelnemer van deze reeks.",
    en: "This speaker is not a participant of this series.",
  },
  agendaSegmentNotFound: {
    nl: "Dit onderdeel staat niet (meer) op de agenda.",
    en: "This segment is not (or no longer) on the agenda.",
  },
  agendaSegmentTwice: {
    nl: "Een onderdeel staat twee keer in de lijst.",
    en: "A segment appears twice in the list.",
  },
  agendaSegmentRunning: {
    nl: "Het onderdeel dat nu loopt kan niet worden verwijderd. Ga eerst naar het volgende.",
    en: "The segment that is running cannot be removed. Move to the next one first.",
  },
  agendaAlreadyRunning: {
    nl: "De agenda loopt al.",
    en: "The agenda is already running.",
  },
  agendaEmpty: {
    nl: "De agenda heeft nog geen onderdelen.",
    en: "The agenda has no segments yet.",
  },
  agendaNotRunning: {
    nl: "De timer loopt niet.",
    en: "The timer is not running.",
  },
  agendaNotPaused: {
    nl: "De timer staat niet op pauze.",
    en: "The timer is not paused.",
  },
  agendaMovedOn: {
    nl: "Een andere moderator ging al naar het volgende onderdeel.",
    en: "Another moderator has already moved to the next segment.",
  },
  agendaNothingLinked: {
    nl: "Aan dit onderdeel zijn geen peilingen of vragen gekoppeld.",
    en: "No polls or questions are linked to this segment.",
  },
  breakoutNotPlanned: {
    nl: "Deze ronde is al geopend of gesloten en kan niet meer worden aangepast.",
    en: "This round has already been opened or closed and can no longer be edited.",
  },
  breakoutNotOpen: {
    nl: "De groepsgesprekken zijn niet (meer) bezig.",
    en: "The breakout groups are not (or no longer) running.",
  },
  breakoutClosed: {
    nl: "Deze ronde van groepsgesprekken is al gesloten.",
    en: "This round of breakout groups has already been closed.",
  },
  breakoutSessionNotLive: {
    nl: "Groepsgesprekken kunnen pas worden geopend als de sessie bezig is.",
    en: "Breakout groups can only be opened while the session is live.",
  },
  breakoutSessionOver: {
    nl: "Deze sessie is afgelopen of geannuleerd.",
    en: "This session has ended or was cancelled.",
  },
  breakoutSizeChoice: {
    nl: "Kies het aantal groepen óf het aantal deelnemers per groep.",
    en: "Choose either the number of groups or the number of participants per group.",
  },
  breakoutTooManyGroupNames: {
    nl: "Er zijn meer groepen beschreven dan er groepen zijn.",
    en: "More groups are described than there are groups.",
  },
  breakoutNotSelfChosen: {
    nl: "In deze ronde kiezen deelnemers hun groep niet zelf.",
    en: "In this round participants do not choose their own group.",
  },
  breakoutRapporteurByModerator: {
    nl: "In deze ronde kiest de moderator de rapporteur.",
    en: "In this round the moderator chooses the rapporteur.",
  },
  breakoutNotYourGroup: {
    nl: "Je zit niet in deze groep.",
    en: "You are not in this group.",
  },
  breakoutRapporteurNotMember: {
    nl: "De rapporteur moet een deelnemer van deze groep zijn.",
    en: "The rapporteur must be a participant in this group.",
  },
  evaluationNotInvited: {
    nl: "Alleen wie bij deze sessie aanwezig was, vult de evaluatie in.",
    en: "Only those who attended this session fill in its evaluation.",
  },
  evaluationLinkInvalid: {
    nl: "Deze link naar de evaluatie klopt niet of is vervangen door die in een nieuwere mail.",
    en: "This link to the evaluation is not valid, or a newer mail replaced it.",
  },
  evaluationClosed: {
    nl: "De evaluatie van deze sessie is gesloten; er worden geen antwoorden meer aangenomen.",
    en: "The evaluation of this session has closed; no more answers are taken.",
  },
  evaluationAnswered: {
    nl: "Je hebt deze evaluatie al ingevuld. Er telt één antwoord per deelnemer.",
    en: "You have already filled in this evaluation. One response per participant counts.",
  },
  evaluationUnknownQuestion: {
    nl: "Deze vraag hoort niet bij deze evaluatie.",
    en: "This question is not part of this evaluation.",
  },
  evaluationAnswerNotFound: {
    nl: "Dit antwoord bestaat niet (meer) in deze sessie.",
    en: "This answer does not exist (any more) in this session.",
  },
  evaluationAnswerEmpty: {
    nl: "Dit antwoord is leeg en kan geen resultaat worden.",
    en: "This answer is empty and cannot become an outcome.",
  },
  // Captions.
  captionLanguage: {
    nl: "Geef de taal als taalcode, bijvoorbeeld nl of en-US.",
    en: "Give the language as a language code, for example nl or en-US.",
  },
  captionsNotLive: {
    nl: "Ondertiteling kan alleen tijdens de sessie.",
    en: "Captions can only be sent while the session is live.",
  },
  captionNotCaptioner: {
    nl: "Alleen een schrijftolk of moderator van deze sessie kan ondertitelen.",
    en: "Only a captioner or moderator of this session can send captions.",
  },
  captionSpeakerNotFound: {
    nl: "Die spreker is geen deelnemer van deze reeks.",
    en: "That speaker is not a participant in this series.",
  },
  captionKeyReused: {
    nl: "Deze regel is al met andere tekst verstuurd.",
    en: "This line was already sent with different text.",
  },
  captionFeedMissingToken: {
    nl: "Geen toegangssleutel: zet de sleutel in de URL of in de Authorization-header (Bearer).",
    en: "No access token: put the token in the URL or in the Authorization header (Bearer).",
  },
  captionFeedUnknownToken: {
    nl: "Deze ondertitelings-URL is onbekend. Vraag de moderator om de huidige URL.",
    en: "This caption URL is not known. Ask the moderator for the current URL.",
  },
  captionFeedNone: {
    nl: "Deze sessie heeft geen actieve ondertitelings-URL.",
    en: "This session has no active caption URL.",
  },
  captionFeedRevoked: {
    nl: "Deze ondertitelings-URL is ingetrokken of vervangen. Vraag de moderator om de nieuwe URL.",
    en: "This caption URL was revoked or replaced. Ask the moderator for the new URL.",
  },
  captionFeedTooLarge: {
    nl: "Te lange ondertitelregel: hoogstens {max} tekens per regel.",
    en: "Caption line too long: at most {max} characters per line.",
  },
  captionFeedMediaType: {
    nl: "Stuur de regel als text/plain of als JSON (application/json).",
    en: "Send the line as text/plain or as JSON (application/json).",
  },
  captionFeedBadSeq: {
    nl: "Geef een volgnummer: seq, een geheel getal van 0 of meer.",
    en: "Give a sequence number: seq, a whole number of 0 or more.",
  },
  captionFeedEmpty: {
    nl: "De regel is leeg.",
    en: "The line is empty.",
  },
  captionFeedBadBody: {
    nl: "De inhoud is geen geldige JSON met seq en text, of bevat tekens die niet zijn toegestaan.",
    en: "The body is not valid JSON with seq and text, or contains characters that are not allowed.",
  },
  captionFeedSeqReused: {
    nl: "Volgnummer {seq} is al met andere tekst ontvangen.",
    en: "Sequence number {seq} was already received with different text.",
  },
  captionFeedRateLimited: {
    nl: "Te veel regels tegelijk. Probeer het over {seconds} seconden opnieuw.",
    en: "Too many lines at once. Please try again in {seconds} seconds.",
  },
  // Captions: the transcript (cap-transcript).
  transcriptAfterSession: {
    nl: "Het transcript is te lezen zodra de sessie is afgelopen.",
    en: "The transcript can be read once the session has ended.",
  },
  captionLineNotFound: {
    nl: "Deze ondertitelregel bestaat niet (meer) in deze sessie.",
    en: "This caption line does not exist (any more) in this session.",
  },
  transcriptPassageTooLong: {
    nl: "Deze passage is te lang voor één item (hoogstens {max} tekens). Kies minder regels.",
    en: "This passage is too long for one item (at most {max} characters). Choose fewer lines.",
  },
} as const satisfies Record<string, Message>;

export type MessageKey = keyof typeof MESSAGES;
export type MessageParams = Record<string, string | number>;

export function isMessageKey(key: unknown): key is MessageKey {
  return typeof key === "string" && Object.hasOwn(MESSAGES, key);
}

export function serverMessage(key: MessageKey, locale: Locale, values: MessageParams = {}): string {
  const message: Message = MESSAGES[key];
  const text = message[locale];
  const template =
    typeof text === "string"
      ? text
      : text[pluralCategory(locale, Number("count" in message ? values[message.count] : 0))];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}

const PLURAL_RULES = { nl: new Intl.PluralRules("nl"), en: new Intl.PluralRules("en") };

/** Dutch and English know only "one" and "other". */
export function pluralCategory(locale: Locale, count: number): "one" | "other" {
  return PLURAL_RULES[locale].select(count) === "one" ? "one" : "other";
}
