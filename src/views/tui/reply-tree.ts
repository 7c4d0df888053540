// The discussion order of replies lives in the core (the discussion model uses it too).
export { replyTree, type TreeReply } from '../../review/reply-order.js';
