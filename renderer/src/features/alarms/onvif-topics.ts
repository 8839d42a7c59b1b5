// ONVIF event topics in words. The gateway raises `motion`/`tamper` alarms from ONVIF PullPoint notifications and
// keeps the camera's topic as the alarm's detail (`tns1:VideoSource/MotionAlarm (Source=…)`); operators see the
// event's name, the raw topic only in a tooltip. Topics are those of the ONVIF core/analytics specs and what
// Hikvision and Dahua cameras send; namespace prefixes vary by vendor (tns1:, tt:, none), so they are ignored.

export const ONVIF_TOPICS = {
  'VideoSource/MotionAlarm': 'motion',
  'RuleEngine/CellMotionDetector/Motion': 'motion',
  'RuleEngine/MotionRegionDetector/Motion': 'motionRegion',
  'RuleEngine/TamperDetector/Tamper': 'tamper',
  'VideoSource/GlobalSceneChange/ImagingService': 'sceneChange',
  'VideoSource/GlobalSceneChange/AnalyticsService': 'sceneChange',
  'VideoSource/ImageTooBlurry/ImagingService': 'blurry',
  'VideoSource/ImageTooBlurry/AnalyticsService': 'blurry',
  'VideoSource/ImageTooDark/ImagingService': 'dark',
  'VideoSource/ImageTooDark/AnalyticsService': 'dark',
  'VideoSource/ImageTooBright/ImagingService': 'bright',
  'VideoSource/ImageTooBright/AnalyticsService': 'bright',
  'VideoSource/SignalLoss': 'signalLoss',
  'RuleEngine/LineDetector/Crossed': 'lineCrossed',
  'RuleEngine/CrossLineDetector/Crossed': 'lineCrossed',
  'RuleEngine/FieldDetector/ObjectsInside': 'fieldIntrusion',
  'RuleEngine/CrossRegionDetector/IntrusionDetected': 'fieldIntrusion',
  'RuleEngine/LoiteringDetector/ObjectIsLoitering': 'loitering',
  'RuleEngine/MyRuleDetector/FaceDetect': 'face',
  'RuleEngine/MyRuleDetector/PeopleDetect': 'people',
  'RuleEngine/MyRuleDetector/VehicleDetect': 'vehicle',
  'AudioAnalytics/Audio/DetectedSound': 'sound',
  'Device/Trigger/DigitalInput': 'digitalInput',
  'Device/HardwareFailure/StorageFailure': 'storageFailure',
} as const;

export type OnvifTopicName = (typeof ONVIF_TOPICS)[keyof typeof ONVIF_TOPICS];

/** `tns1:VideoSource/MotionAlarm` → `VideoSource/MotionAlarm` (prefix per segment, trailing slash and case kept). */
const bare = (topic: string) =>
  topic
    .split('/')
    .map((s) => s.replace(/^[A-Za-z][\w.-]*:/, ''))
    .filter(Boolean)
    .join('/');

const BY_LOWER = new Map(Object.entries(ONVIF_TOPICS).map(([k, v]) => [k.toLowerCase(), v as OnvifTopicName]));

/** The event's name for a topic, or null for one not in the table. */
export function onvifTopicName(topic: string): OnvifTopicName | null {
  return BY_LOWER.get(bare(topic.trim()).toLowerCase()) ?? null;
}

/** The topic at the start of an ONVIF alarm's detail (`<topic> (<source>)`). */
export const topicOfDetail = (detail: string): string => detail.split(' (')[0]!.trim();
