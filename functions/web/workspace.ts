/**
 * A signed-in coach's or admin's workspace: who they are, which of the two roles they hold, and
 * the course (for the contact moment's forms, the coach's record form and the spinnenweb).
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { CourseView } from '../core/course/course-view.js';
import { api, type Me } from './api.js';

export interface Workspace {
  me: Me;
  course: CourseView;
  isCoach: boolean;
  isAdmin: boolean;
  /** An accreditation body: sees only its report. */
  isAccreditor: boolean;
}

export const WorkspaceContext = createContext<Workspace | undefined>(undefined);

export function useWorkspace(): Workspace {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside of a workspace');
  return value;
}

/** Coaches and admins work here; participants take the course (the participant app). */
export function hasWorkspace(me: Me): boolean {
  return me.roles.includes('coach') || me.roles.includes('admin') || me.roles.includes('accreditor');
}

export async function openWorkspace(me: Me): Promise<Workspace> {
  return { me, course: await api.course(), isCoach: me.roles.includes('coach'), isAdmin: me.roles.includes('admin'), isAccreditor: me.roles.includes('accreditor') };
}
