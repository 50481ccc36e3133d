/** "Published v3" or "Draft only", as the flow list and the designer show it. */
import './publication.css';

export function PublicationBadge({ publishedVersion }: { publishedVersion: number | null }) {
  return publishedVersion ? (
    <span className="badge status-completed publication-badge">Published v{publishedVersion}</span>
  ) : (
    <span
      className="badge badge-warning publication-badge"
      title="Never published: runs use the latest saved version as a trial"
    >
      Draft only
    </span>
  );
}
